// Builds the one error every ingest reader throws for bad input, naming the file (and row).
import { AppError } from './app-error';

/** `bad_request` AppError whose message reads `file: row N: message`, so a CLI user can find the culprit. */
export function badInput(file: string, message: string, row?: number): AppError {
  const where = row === undefined ? file : `${file}: row ${row}`;
  return new AppError('bad_request', `${where}: ${message}`, row === undefined ? { file } : { file, row });
}
