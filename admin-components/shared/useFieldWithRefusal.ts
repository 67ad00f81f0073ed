'use client'
// A custom field's value with the server's refusal of the last save kept until the next edit: Payload's form-state
// refresh after a failed save clears the field's error, and the person must still see why.
import { useField } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

export function useFieldWithRefusal(path: string) {
  const { value, setValue: setFieldValue, errorMessage, valid, disabled } = useField<unknown>({ path })
  const [refusal, setRefusal] = useState<string | null>(null)
  useEffect(() => {
    if (errorMessage && valid === false) setRefusal(errorMessage)
  }, [errorMessage, valid])
  const setValue = (next: unknown) => {
    setRefusal(null)
    setFieldValue(next)
  }
  return { value, setValue, refusal, disabled }
}
