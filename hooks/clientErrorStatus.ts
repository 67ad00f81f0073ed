import type { AfterErrorHook } from 'payload'

import { classifyClientError } from '../src/hardening/clientErrors.ts'

/**
 * Payload answers a database refusal caused by the request's own values with a 500 "Something went wrong";
 * this gives it the caller's 4xx and a message that names the rule, over REST and GraphQL alike.
 */
export const clientErrorStatus: AfterErrorHook = ({ error, graphqlResult, result }) => {
  const status = (error as { status?: number }).status ?? (error as { originalError?: { status?: number } }).originalError?.status
  if (status !== undefined && status < 500) return
  const client = classifyClientError(error)
  if (!client) return
  if (graphqlResult) {
    return {
      graphqlResult: { ...graphqlResult, message: client.message, extensions: { ...graphqlResult.extensions, statusCode: client.status } },
    }
  }
  return { response: { ...result, errors: [{ message: client.message }] }, status: client.status }
}
