export { CsvReader, parseCsv } from './csv-reader';
export {
  CSV_FIELDS,
  csvMappingSchema,
  parseCsvMapping,
  type CsvField,
  type CsvMapping,
  type CsvMappingCheck,
} from './mapping';
export { mapCsvRecord } from './map-record';
export { parseTime } from './time';
