/** One problem found in a request. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `parameters.bbox_list[1]` or `input.messages[0].content[2].image`. */
  path: string;
  /** A stable machine-readable rule name, e.g. `max-boxes-per-image`. */
  rule: string;
  /** The rule in words, naming the model and the value, e.g. "wan2.7-image-pro allows at most 2 boxes per image; image 2 has 3". */
  message: string;
}

/** The outcome of validating a request: errors block the call, warnings do not. */
export interface ValidationResult {
  /** True when there are no errors (warnings allowed). */
  ok: boolean;
  /** Problems that make the gateway reject the request (or waste money). */
  errors: ValidationIssue[];
  /** Likely problems and ignored parameters; the request is still sent. */
  warnings: ValidationIssue[];
}

/** The issue at `path` that breaks `rule`, in words. */
export function issue(path: string, rule: string, message: string): ValidationIssue {
  return { path, rule, message };
}
