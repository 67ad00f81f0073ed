'use client'
// A relationship field shown only to those who may read what it points to. Payload's own field asks the server for
// the related documents' titles; refused (a Tasker on a project's datasets), it fills the console with 403s and
// shows "Untitled - ID". Whoever cannot read them has no use for the field, so it is not drawn for them.
import { RelationshipField, useAuth } from '@payloadcms/ui'
import type { RelationshipFieldClientComponent } from 'payload'

export const ReadableRelationshipField: RelationshipFieldClientComponent = (props) => {
  const { permissions } = useAuth()
  const relationTo = props.field.relationTo
  const readable = (Array.isArray(relationTo) ? relationTo : [relationTo]).every((slug) => permissions?.collections?.[slug]?.read)
  return readable ? <RelationshipField {...props} /> : null
}
