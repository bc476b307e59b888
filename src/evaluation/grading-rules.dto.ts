import { IsNumber, IsString, Max, MaxLength, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { Trim } from '../../libs/http';
import { COMMENT_MAX_CHARS, isHalfPoint, meaningfulLength, NOTE_MAX, NOTE_MESSAGES, NOTE_MIN } from './note-scale';

// The validation of a note and a comment, shared by the grade and edit-evaluation bodies.

const IsHalfPoint = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isHalfPoint',
      validator: { validate: (v) => typeof v !== 'number' || isHalfPoint(v), defaultMessage: () => NOTE_MESSAGES.step },
    },
    options,
  );

/** At least 10 characters that are not white space (see note-scale.ts). */
const IsMeaningfulComment = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMeaningfulComment',
      validator: {
        validate: (v) => typeof v !== 'string' || meaningfulLength(v) >= 10,
        defaultMessage: () => NOTE_MESSAGES.comment,
      },
    },
    options,
  );

/** Note rules as decorators, shared by POST and PATCH. A string "8" or null is a 400. */
export function NoteRules(): PropertyDecorator {
  return (target, key) => {
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: NOTE_MESSAGES.type })(target, key);
    Min(NOTE_MIN, { message: NOTE_MESSAGES.min })(target, key);
    Max(NOTE_MAX, { message: NOTE_MESSAGES.max })(target, key);
    IsHalfPoint()(target, key);
  };
}

export function CommentRules(): PropertyDecorator {
  return (target, key) => {
    Trim()(target, key);
    IsString({ message: 'Le commentaire doit être une chaîne de caractères' })(target, key);
    IsMeaningfulComment()(target, key);
    MaxLength(COMMENT_MAX_CHARS, { message: NOTE_MESSAGES.commentTooLong })(target, key);
  };
}
