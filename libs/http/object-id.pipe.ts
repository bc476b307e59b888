import { Injectable, PipeTransform } from '@nestjs/common';
import { CommonErrors } from './app-error';

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

export function isObjectIdString(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID.test(value);
}

/**
 * Accepts only 24-hex ids (`mongoose.isValidObjectId` also takes any 12-char string).
 * Anything else is `400 INVALID_ID`, never a cast error deeper down.
 */
@Injectable()
export class ParseObjectIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (!isObjectIdString(value)) throw CommonErrors.invalidId(typeof value === 'string' ? value : undefined);
    return value.toLowerCase();
  }
}
