/**
 * The limits every REST and GraphQL request is held to (README, "Request limits"). A request over one gets a
 * 400 naming the parameter and the limit, before anything reads or writes the database.
 */
export const REQUEST_LIMITS = {
  /** `limit` on a list: 0 (Payload's "no limit", access still applies) up to this. */
  maxLimit: 1000,
  /** `page` on a list. */
  maxPage: 1_000_000,
  /** `depth` (relationship population). */
  maxDepth: 10,
  /** and/or nesting inside one `where`. */
  maxWhereNesting: 6,
  /** conditions (path + operator) in one `where`. */
  maxWhereConditions: 100,
  /** a filter may follow at most this many relationships (`dataset.name` follows one). */
  maxRelationshipHops: 1,
  /** values in one `in` / `not_in` / `all` list. */
  maxListValues: 1000,
  /** characters in one filter value. */
  maxValueLength: 2000,
  /** nesting of objects and arrays in a request body. */
  maxBodyNesting: 64,
  /** bytes of one JSON request body (imports stream and have their own limit). */
  maxJsonBodyBytes: 5 * 1024 * 1024,
  /** bytes of one import body. */
  maxImportBytes: 512 * 1024 * 1024,
  /** GraphQL: selection depth, aliases and fields of one operation. */
  maxGraphQLDepth: 12,
  maxGraphQLAliases: 30,
  maxGraphQLFields: 1000,
} as const
