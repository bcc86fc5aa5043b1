import type { CaseIssue } from '../case/errors.js';

/** An API error: the HTTP status, a sentence, and for a case the problems by field path (as the CLI prints them). */
export class ApiError extends Error {
  readonly status: number;
  readonly issues: CaseIssue[];
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, issues: CaseIssue[] = [], headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.issues = issues;
    this.headers = headers;
  }
}

/** The body of every error the API sends. */
export interface ErrorBody {
  error: { status: number; message: string; issues: CaseIssue[] };
}

export const errorBody = (status: number, message: string, issues: CaseIssue[] = []): ErrorBody => ({ error: { status, message, issues } });
