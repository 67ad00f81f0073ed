import type { GraphQLExtension, PayloadRequest } from 'payload'

import { respondToInvitation, signUpWithInvitation } from '../operations/invitations.ts'
import { routeId } from '../utilities/routeId.ts'

type CollectionTypes = { collections: Record<string, { graphQL?: { type?: unknown } }> }

/**
 * `acceptWorkspaceInvitation(id)`, `declineWorkspaceInvitation(id)` and `signUpWithInvitation(token,
 * password)`: the GraphQL faces of the invitation routes, calling the same operations.
 */
export const invitationMutations = (slugs: { invitations: string }): GraphQLExtension => (GraphQL, context) => {
  const { GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const invitation = (context as unknown as CollectionTypes).collections[slugs.invitations]?.graphQL?.type as never
  const signedUp = new GraphQLObjectType({
    name: 'LabelOpsSignUp',
    fields: { id: { type: new GraphQLNonNull(GraphQLID) }, email: { type: new GraphQLNonNull(GraphQLString) } },
  })
  const respond = (answer: 'accept' | 'decline') => ({
    type: invitation,
    args: { id: { type: new GraphQLNonNull(GraphQLID) } },
    resolve: (_source: unknown, args: { id: string }, { req }: { req: PayloadRequest }) => respondToInvitation({ req, id: routeId(args.id), answer }),
  })
  return {
    acceptWorkspaceInvitation: respond('accept'),
    declineWorkspaceInvitation: respond('decline'),
    signUpWithInvitation: {
      type: signedUp,
      args: { token: { type: new GraphQLNonNull(GraphQLString) }, password: { type: new GraphQLNonNull(GraphQLString) } },
      resolve: async (_source: unknown, args: { token: string; password: string }, { req }: { req: PayloadRequest }) =>
        (await signUpWithInvitation({ req, body: { token: args.token, password: args.password } })).user,
    },
  }
}
