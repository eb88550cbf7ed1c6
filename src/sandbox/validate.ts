import { AwsError } from './errors';

/**
 * Request validation the way AWS's service framework does it: every violated constraint is collected and answered
 * as one ValidationException ("2 validation errors detected: Value 'x' at 'name' failed to satisfy constraint: ...").
 * A member of the wrong JSON type is a SerializationException, as on AWS.
 */
export interface StrRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  enum?: readonly string[];
}
export interface NumRule {
  required?: boolean;
  min?: number;
  max?: number;
}
export interface ListRule {
  required?: boolean;
  min?: number;
  max?: number;
}

type Json = Record<string, unknown>;

export class Validator {
  constructor(
    private readonly input: Json,
    private readonly errorType = 'ValidationException',
    private readonly prefix = '',
    private readonly errors: string[] = [],
  ) {}

  private present(field: string, required: boolean | undefined): unknown {
    const value = this.input[field];
    if (value === undefined || value === null) {
      if (required) this.errors.push(`Value null at '${this.prefix}${field}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    return value;
  }

  str(field: string, rule: StrRule = {}): string | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw serialization(this.prefix + field, 'string');
    checkString(value, `'${this.prefix}${field}'`, rule, this.errors);
    return value;
  }

  int(field: string, rule: NumRule = {}): number | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw serialization(this.prefix + field, 'number');
    if (rule.min !== undefined && value < rule.min)
      this.errors.push(`Value '${value}' at '${this.prefix}${field}' failed to satisfy constraint: Member must have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value > rule.max)
      this.errors.push(`Value '${value}' at '${this.prefix}${field}' failed to satisfy constraint: Member must have value less than or equal to ${rule.max}`);
    return value;
  }

  bool(field: string, rule: { required?: boolean } = {}): boolean | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw serialization(this.prefix + field, 'boolean');
    return value;
  }

  list<T = unknown>(field: string, rule: ListRule = {}): T[] | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw serialization(this.prefix + field, 'list');
    if (rule.min !== undefined && value.length < rule.min)
      this.errors.push(`Value '[${value.length} items]' at '${this.prefix}${field}' failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      this.errors.push(`Value '[${value.length} items]' at '${this.prefix}${field}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`);
    return value as T[];
  }

  /** Each member of a string list, checked against the same rule (AWS names them `field.member.N`). */
  strList(field: string, listRule: ListRule, memberRule: StrRule): string[] | undefined {
    const values = this.list(field, listRule);
    values?.forEach((v, i) => {
      if (typeof v !== 'string') throw serialization(`${field}.${i + 1}`, 'string');
      checkString(v, `'${this.prefix}${field}.${i + 1}.member'`, memberRule, this.errors);
    });
    return values as string[] | undefined;
  }

  obj(field: string, rule: { required?: boolean } = {}): Json | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw serialization(this.prefix + field, 'structure');
    return value as Json;
  }

  /** Validates a nested structure with its own field paths (`parent.child`); a list member that is not an object (null, a number, a list) is a SerializationException, as on AWS. */
  nested(prefix: string, value: unknown): Validator {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw serialization(this.prefix + prefix, 'structure');
    return new Validator(value as Json, this.errorType, `${this.prefix}${prefix}.`, this.errors);
  }

  /** Adds a rule that is not a simple constraint (the message is sent as is). */
  fail(message: string): void {
    this.errors.push(message);
  }

  done(): void {
    if (this.errors.length === 0) return;
    const n = this.errors.length;
    throw new AwsError(this.errorType, `${n} validation error${n > 1 ? 's' : ''} detected: ${this.errors.join('; ')}`);
  }
}

/** Length as the models count it: Unicode code points (Smithy's length trait), so an emoji is one character. */
function codePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function checkString(value: string, at: string, rule: StrRule, errors: string[]): void {
  const shown = value.length > 64 ? `${value.slice(0, 64)}...` : value;
  const length = rule.min !== undefined || rule.max !== undefined ? codePoints(value) : 0;
  if (rule.min !== undefined && length < rule.min)
    errors.push(`Value '${shown}' at ${at} failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && length > rule.max)
    errors.push(`Value '${shown}' at ${at} failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value))
    errors.push(`Value '${shown}' at ${at} failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.pattern.source}`);
  if (rule.enum && !rule.enum.includes(value))
    errors.push(`Value '${shown}' at ${at} failed to satisfy constraint: Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
}

function serialization(field: string, expected: string): AwsError {
  return new AwsError('SerializationException', `Unexpected value type for '${field}': expected ${expected}`);
}
