import { type DataSource } from 'typeorm';
import { loadInstanceSecret } from '../database/instance-secret';

/** The token signing secret: JWT_SECRET when set, else one generated once per installation. */
export const loadJwtSecret = (dataSource: DataSource, fromEnvironment: string | undefined) =>
  loadInstanceSecret(dataSource, 'jwt_secret', fromEnvironment);
