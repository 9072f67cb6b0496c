import { loadConfig } from '../config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** Used by the TypeORM CLI to generate MySQL migrations (DATABASE_URL must point at MySQL). */
const config = loadConfig();
export default new DataSource(dataSourceOptions(config.db));
