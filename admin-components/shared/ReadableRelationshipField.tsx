'use client'
// A relationship field drawn only for those who may read the collection it points to at all. Payload's own field
// asks the server for the related documents' titles; refused outright (a Tasker everywhere, on a project's
// datasets), it fills the console with 403s and shows "Untitled - ID". The check is per collection, as Payload's
// permissions are: someone who may read some datasets (a Member elsewhere) still gets the field.
import { RelationshipField, useAuth } from '@payloadcms/ui'
import type { RelationshipFieldClientComponent } from 'payload'

export const ReadableRelationshipField: RelationshipFieldClientComponent = (props) => {
  const { permissions } = useAuth()
  const relationTo = props.field.relationTo
  const readable = (Array.isArray(relationTo) ? relationTo : [relationTo]).every((slug) => permissions?.collections?.[slug]?.read)
  return readable ? <RelationshipField {...props} /> : null
}
