// chinese-days ships its calendar as JSON but types only its functions; the data is parsed at load.
declare module 'chinese-days/dist/chinese-days.json' {
  const data: unknown;
  export default data;
}
