/**
 * Brazil as the Olist data sees it: the 27 states with their share of customers and sellers, CEP
 * (zip) prefix ranges, typical delivery time and late share, and real cities with coordinates.
 * Shares and delivery figures follow public analyses of the Olist data.
 */

/** A city: name as Olist writes it (lower case, no accents), accented spelling, latitude, longitude, weight. */
export type City = readonly [name: string, accented: string, lat: number, lng: number, weight: number];

/** One state and what the generator needs to know about it. */
export interface State {
  code: string;
  /** Customers (orders) in the real data. */
  customers: number;
  /** Sellers in the real data. */
  sellers: number;
  /** CEP 5-digit prefix ranges, inclusive. */
  zips: ReadonlyArray<readonly [number, number]>;
  /** Mean days from purchase to delivery. */
  deliveryDays: number;
  /** Share of delivered orders that arrive after the estimated date. */
  lateShare: number;
  cities: readonly City[];
}

/** The states, largest first. */
// prettier-ignore
export const STATES: readonly State[] = [
  { code: 'SP', customers: 41746, sellers: 1849, zips: [[1000, 19999]], deliveryDays: 8.3, lateShare: 0.059, cities: [
    ['sao paulo', 'são paulo', -23.55, -46.63, 400], ['campinas', 'campinas', -22.91, -47.06, 40],
    ['guarulhos', 'guarulhos', -23.46, -46.53, 35],
    ['sao bernardo do campo', 'são bernardo do campo', -23.69, -46.56, 25],
    ['santo andre', 'santo andré', -23.66, -46.53, 25], ['osasco', 'osasco', -23.53, -46.79, 22],
    ['santos', 'santos', -23.96, -46.33, 20], ['sorocaba', 'sorocaba', -23.5, -47.46, 20],
    ['ribeirao preto', 'ribeirão preto', -21.18, -47.81, 18],
    ['sao jose dos campos', 'são josé dos campos', -23.18, -45.89, 18], ['jundiai', 'jundiaí', -23.19, -46.88, 15],
    ['mogi das cruzes', 'mogi das cruzes', -23.52, -46.19, 12], ['barueri', 'barueri', -23.51, -46.88, 10],
    ['sao jose do rio preto', 'são josé do rio preto', -20.81, -49.38, 12],
    ['piracicaba', 'piracicaba', -22.73, -47.65, 10], ['bauru', 'bauru', -22.31, -49.06, 9],
    ['franca', 'franca', -20.54, -47.4, 8], ['limeira', 'limeira', -22.56, -47.4, 7],
    ['ibitinga', 'ibitinga', -21.76, -48.83, 3], ['marilia', 'marília', -22.21, -49.95, 6],
    ['sao caetano do sul', 'são caetano do sul', -23.62, -46.57, 8],
  ] },
  { code: 'RJ', customers: 12852, sellers: 171, zips: [[20000, 28999]], deliveryDays: 14.8, lateShare: 0.135, cities: [
    ['rio de janeiro', 'rio de janeiro', -22.91, -43.2, 200], ['niteroi', 'niterói', -22.88, -43.1, 30],
    ['nova iguacu', 'nova iguaçu', -22.76, -43.45, 20], ['sao goncalo', 'são gonçalo', -22.83, -43.05, 20],
    ['duque de caxias', 'duque de caxias', -22.79, -43.31, 15], ['petropolis', 'petrópolis', -22.51, -43.18, 10],
    ['campos dos goytacazes', 'campos dos goytacazes', -21.75, -41.32, 10],
    ['volta redonda', 'volta redonda', -22.52, -44.1, 8], ['macae', 'macaé', -22.37, -41.79, 6],
  ] },
  { code: 'MG', customers: 11635, sellers: 244, zips: [[30000, 39999]], deliveryDays: 11.5, lateShare: 0.056, cities: [
    ['belo horizonte', 'belo horizonte', -19.92, -43.94, 120], ['uberlandia', 'uberlândia', -18.92, -48.28, 25],
    ['contagem', 'contagem', -19.93, -44.05, 20], ['juiz de fora', 'juiz de fora', -21.76, -43.35, 20],
    ['betim', 'betim', -19.97, -44.2, 10], ['montes claros', 'montes claros', -16.73, -43.86, 10],
    ['uberaba', 'uberaba', -19.75, -47.93, 8], ['governador valadares', 'governador valadares', -18.85, -41.95, 6],
    ['ipatinga', 'ipatinga', -19.47, -42.54, 6], ['pocos de caldas', 'poços de caldas', -21.79, -46.56, 5],
    ['divinopolis', 'divinópolis', -20.14, -44.88, 5],
  ] },
  { code: 'RS', customers: 5466, sellers: 129, zips: [[90000, 99999]], deliveryDays: 14.8, lateShare: 0.07, cities: [
    ['porto alegre', 'porto alegre', -30.03, -51.23, 80], ['caxias do sul', 'caxias do sul', -29.17, -51.18, 20],
    ['pelotas', 'pelotas', -31.77, -52.34, 12], ['canoas', 'canoas', -29.92, -51.18, 12],
    ['santa maria', 'santa maria', -29.69, -53.81, 10], ['novo hamburgo', 'novo hamburgo', -29.68, -51.13, 8],
    ['passo fundo', 'passo fundo', -28.26, -52.41, 7],
  ] },
  { code: 'PR', customers: 5045, sellers: 349, zips: [[80000, 87999]], deliveryDays: 11.5, lateShare: 0.05, cities: [
    ['curitiba', 'curitiba', -25.43, -49.27, 80], ['londrina', 'londrina', -23.31, -51.16, 20],
    ['maringa', 'maringá', -23.42, -51.94, 18], ['ponta grossa', 'ponta grossa', -25.09, -50.16, 10],
    ['cascavel', 'cascavel', -24.96, -53.46, 9], ['foz do iguacu', 'foz do iguaçu', -25.55, -54.59, 7],
    ['sao jose dos pinhais', 'são josé dos pinhais', -25.53, -49.2, 8],
  ] },
  { code: 'SC', customers: 3637, sellers: 190, zips: [[88000, 89999]], deliveryDays: 14.5, lateShare: 0.1, cities: [
    ['florianopolis', 'florianópolis', -27.6, -48.55, 30], ['joinville', 'joinville', -26.3, -48.85, 25],
    ['blumenau', 'blumenau', -26.92, -49.07, 20], ['sao jose', 'são josé', -27.61, -48.63, 12],
    ['itajai', 'itajaí', -26.91, -48.66, 10], ['criciuma', 'criciúma', -28.68, -49.37, 8],
    ['chapeco', 'chapecó', -27.1, -52.62, 7], ['balneario camboriu', 'balneário camboriú', -26.99, -48.63, 8],
  ] },
  { code: 'BA', customers: 3380, sellers: 19, zips: [[40000, 48999]], deliveryDays: 18.9, lateShare: 0.14, cities: [
    ['salvador', 'salvador', -12.97, -38.5, 60], ['feira de santana', 'feira de santana', -12.27, -38.97, 12],
    ['vitoria da conquista', 'vitória da conquista', -14.86, -40.84, 8], ['camacari', 'camaçari', -12.7, -38.32, 6],
    ['itabuna', 'itabuna', -14.79, -39.28, 5], ['lauro de freitas', 'lauro de freitas', -12.89, -38.33, 6],
  ] },
  { code: 'DF', customers: 2140, sellers: 30, zips: [[70000, 72799], [73000, 73699]], deliveryDays: 12.5, lateShare: 0.07, cities: [
    ['brasilia', 'brasília', -15.79, -47.88, 100], ['taguatinga', 'taguatinga', -15.83, -48.06, 10], ['gama', 'gama', -16.02, -48.06, 5],
  ] },
  { code: 'ES', customers: 2033, sellers: 23, zips: [[29000, 29999]], deliveryDays: 15.3, lateShare: 0.12, cities: [
    ['vila velha', 'vila velha', -20.33, -40.29, 20], ['vitoria', 'vitória', -20.32, -40.34, 20], ['serra', 'serra', -20.13, -40.31, 15],
    ['cariacica', 'cariacica', -20.26, -40.42, 10], ['guarapari', 'guarapari', -20.67, -40.5, 5],
  ] },
  { code: 'GO', customers: 2020, sellers: 40, zips: [[72800, 72999], [73700, 76799]], deliveryDays: 15, lateShare: 0.08, cities: [
    ['goiania', 'goiânia', -16.68, -49.25, 50], ['aparecida de goiania', 'aparecida de goiânia', -16.82, -49.24, 15],
    ['anapolis', 'anápolis', -16.33, -48.95, 10], ['rio verde', 'rio verde', -17.79, -50.92, 5],
  ] },
  { code: 'PE', customers: 1652, sellers: 9, zips: [[50000, 56999]], deliveryDays: 18, lateShare: 0.11, cities: [
    ['recife', 'recife', -8.05, -34.9, 50], ['jaboatao dos guararapes', 'jaboatão dos guararapes', -8.11, -35.01, 12],
    ['olinda', 'olinda', -8.01, -34.85, 8], ['caruaru', 'caruaru', -8.28, -35.97, 7], ['petrolina', 'petrolina', -9.39, -40.5, 6],
  ] },
  { code: 'CE', customers: 1336, sellers: 13, zips: [[60000, 63999]], deliveryDays: 20.8, lateShare: 0.15, cities: [
    ['fortaleza', 'fortaleza', -3.72, -38.54, 60], ['caucaia', 'caucaia', -3.74, -38.65, 6],
    ['juazeiro do norte', 'juazeiro do norte', -7.21, -39.32, 6], ['sobral', 'sobral', -3.69, -40.35, 4],
  ] },
  { code: 'PA', customers: 975, sellers: 1, zips: [[66000, 68899]], deliveryDays: 23, lateShare: 0.12, cities: [
    ['belem', 'belém', -1.46, -48.5, 40], ['ananindeua', 'ananindeua', -1.37, -48.37, 10],
    ['santarem', 'santarém', -2.44, -54.71, 6], ['maraba', 'marabá', -5.37, -49.12, 5],
  ] },
  { code: 'MT', customers: 907, sellers: 4, zips: [[78000, 78899]], deliveryDays: 17.6, lateShare: 0.07, cities: [
    ['cuiaba', 'cuiabá', -15.6, -56.1, 30], ['varzea grande', 'várzea grande', -15.65, -56.13, 10],
    ['rondonopolis', 'rondonópolis', -16.47, -54.64, 6], ['sinop', 'sinop', -11.86, -55.5, 5],
  ] },
  { code: 'MA', customers: 747, sellers: 1, zips: [[65000, 65999]], deliveryDays: 21, lateShare: 0.2, cities: [
    ['sao luis', 'são luís', -2.53, -44.3, 30], ['imperatriz', 'imperatriz', -5.53, -47.49, 8],
    ['timon', 'timon', -5.09, -42.84, 4],
  ] },
  { code: 'MS', customers: 715, sellers: 5, zips: [[79000, 79999]], deliveryDays: 15, lateShare: 0.115, cities: [
    ['campo grande', 'campo grande', -20.47, -54.62, 30], ['dourados', 'dourados', -22.22, -54.81, 8],
    ['tres lagoas', 'três lagoas', -20.79, -51.7, 4],
  ] },
  { code: 'PB', customers: 536, sellers: 6, zips: [[58000, 58999]], deliveryDays: 20, lateShare: 0.11, cities: [
    ['joao pessoa', 'joão pessoa', -7.12, -34.86, 30], ['campina grande', 'campina grande', -7.23, -35.88, 12],
  ] },
  { code: 'PI', customers: 495, sellers: 1, zips: [[64000, 64999]], deliveryDays: 19, lateShare: 0.16, cities: [
    ['teresina', 'teresina', -5.09, -42.8, 30], ['parnaiba', 'parnaíba', -2.9, -41.78, 5],
  ] },
  { code: 'RN', customers: 485, sellers: 5, zips: [[59000, 59999]], deliveryDays: 18.8, lateShare: 0.11, cities: [
    ['natal', 'natal', -5.79, -35.21, 30], ['mossoro', 'mossoró', -5.19, -37.34, 8],
    ['parnamirim', 'parnamirim', -5.92, -35.26, 6],
  ] },
  { code: 'AL', customers: 413, sellers: 0, zips: [[57000, 57999]], deliveryDays: 24, lateShare: 0.24, cities: [
    ['maceio', 'maceió', -9.67, -35.74, 30], ['arapiraca', 'arapiraca', -9.75, -36.66, 6],
  ] },
  { code: 'SE', customers: 350, sellers: 2, zips: [[49000, 49999]], deliveryDays: 21, lateShare: 0.17, cities: [
    ['aracaju', 'aracaju', -10.91, -37.07, 30],
    ['nossa senhora do socorro', 'nossa senhora do socorro', -10.85, -37.13, 5],
  ] },
  { code: 'TO', customers: 280, sellers: 0, zips: [[77000, 77999]], deliveryDays: 17, lateShare: 0.13, cities: [
    ['palmas', 'palmas', -10.18, -48.33, 20], ['araguaina', 'araguaína', -7.19, -48.21, 8],
  ] },
  { code: 'RO', customers: 253, sellers: 2, zips: [[76800, 76999]], deliveryDays: 18.9, lateShare: 0.03, cities: [
    ['porto velho', 'porto velho', -8.76, -63.9, 20], ['ji-parana', 'ji-paraná', -10.88, -61.95, 6],
  ] },
  { code: 'AM', customers: 148, sellers: 1, zips: [[69000, 69299], [69400, 69899]], deliveryDays: 26, lateShare: 0.04, cities: [
    ['manaus', 'manaus', -3.12, -60.02, 40], ['parintins', 'parintins', -2.63, -56.74, 3],
  ] },
  { code: 'AC', customers: 81, sellers: 1, zips: [[69900, 69999]], deliveryDays: 21, lateShare: 0.04, cities: [
    ['rio branco', 'rio branco', -9.97, -67.81, 20],
  ] },
  { code: 'AP', customers: 68, sellers: 0, zips: [[68900, 68999]], deliveryDays: 27, lateShare: 0.045, cities: [
    ['macapa', 'macapá', 0.03, -51.07, 20],
  ] },
  { code: 'RR', customers: 46, sellers: 0, zips: [[69300, 69399]], deliveryDays: 29, lateShare: 0.12, cities: [
    ['boa vista', 'boa vista', 2.82, -60.67, 20],
  ] },
];
