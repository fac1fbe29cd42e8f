/** A SCIM protocol error (RFC 7644 §3.12): answered as a SCIM Error body, not Roster's. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?:
      | 'invalidFilter'
      | 'tooMany'
      | 'uniqueness'
      | 'mutability'
      | 'invalidSyntax'
      | 'invalidPath'
      | 'noTarget'
      | 'invalidValue'
      | 'invalidVers'
      | 'sensitive',
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export function scimErrorBody(status: number, detail: string, scimType?: string) {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}
