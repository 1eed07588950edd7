import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, type ErrorDetail } from '../errors/app-error';

const RECORD_VALUES = Symbol('recordValues');

/**
 * Marks a DTO property holding record values (an object, or a list of them): their shape inside is the
 * form engine's to check, field by field, so class-transformer does not copy them — walking a thousand
 * records of a bulk request cost more than writing them. The property's own decorators still run, on a
 * stand-in of the same shape (`IsArray`, `ArrayMaxSize`, `IsObject({ each: true })`).
 */
export function RecordValues(): PropertyDecorator {
  return (target, key) => {
    const keys: (string | symbol)[] = Reflect.getOwnMetadata(RECORD_VALUES, target.constructor) ?? [];
    Reflect.defineMetadata(RECORD_VALUES, [...keys, key], target.constructor);
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The same shape with every record emptied: what the property's decorators need to see. */
const standIn = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map((item) => (isPlainObject(item) ? {} : item))
    : isPlainObject(value)
      ? {}
      : value;

/** DTOs check shape only; every failing property becomes one `{ path, message }` detail. */
class ShapeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const keys: string[] | undefined = metadata.metatype
      ? Reflect.getMetadata(RECORD_VALUES, metadata.metatype)
      : undefined;
    if (!keys?.length || !isPlainObject(value)) return super.transform(value, metadata);
    const shaped = { ...value };
    for (const key of keys) if (key in value) shaped[key] = standIn(value[key]);
    const dto = (await super.transform(shaped, metadata)) as Record<string, unknown>;
    for (const key of keys) if (key in value) dto[key] = value[key];
    return dto;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ShapeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new AppError('VALIDATION_FAILED', {}, flatten(errors, '')),
  });
}

function flatten(errors: ValidationError[], parentPath: string): ErrorDetail[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
