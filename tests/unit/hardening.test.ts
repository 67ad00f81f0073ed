import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'

import { classifyClientError } from '../../src/hardening/clientErrors.ts'
import { measureDocument } from '../../src/hardening/graphqlLimits.ts'
import { inspectBody } from '../../src/hardening/inspectBody.ts'
import { inspectSort, inspectWhere, resolvePath, type Schema, type SchemaField } from '../../src/hardening/inspectWhere.ts'
import { idProblem, integerProblem, valueProblem } from '../../src/hardening/values.ts'

const collections: Record<string, SchemaField[]> = {
  tasks: [
    { name: 'project', type: 'relationship', relationTo: 'projects' },
    { name: 'priority', type: 'number' },
    { name: 'lastActorByStage', type: 'json' },
    { name: 'createdAt', type: 'date' },
    { name: 'status', type: 'select' },
  ],
  projects: [
    { name: 'name', type: 'text' },
    { name: 'workspace', type: 'relationship', relationTo: 'workspaces' },
    { name: 'tags', type: 'text', hasMany: true },
    { name: 'settings', type: 'group', flattenedFields: [{ name: 'leaseMinutes', type: 'number' }] },
  ],
  workspaces: [
    { name: 'name', type: 'text' },
    { name: 'members', type: 'join', collection: 'members' },
  ],
  locks: [{ name: 'document', type: 'relationship', relationTo: ['tasks', 'projects'] }],
}
const schema: Schema = { idType: 'serial', fieldsOf: (slug) => collections[slug] }
const paths = (where: unknown, collection = 'tasks') =>
  inspectWhere(schema, collection, where).map((problem) => `${problem.path}: ${problem.message}`)

describe('filter paths', () => {
  it('count the relationships a path follows', () => {
    expect(resolvePath(schema, 'tasks', 'project.name')).toMatchObject({ kind: 'field', hops: 1, type: 'text' })
    expect(resolvePath(schema, 'tasks', 'project.workspace.name')).toMatchObject({ hops: 2 })
    expect(resolvePath(schema, 'tasks', 'project')).toMatchObject({ kind: 'relationship', hops: 0 })
    expect(resolvePath(schema, 'projects', 'settings.leaseMinutes')).toMatchObject({ kind: 'field', type: 'number' })
    expect(resolvePath(schema, 'tasks', 'project__name')).toMatchObject({ hops: 1 }) // GraphQL's spelling
    expect(resolvePath(schema, 'tasks', 'nope.x')).toMatchObject({ kind: 'unknown' })
  })

  it('refuse what Payload would turn into a 500, naming the path and the rule', () => {
    expect(paths({ 'project.workspace.name': { like: 'x' } })).toEqual([
      'where.project.workspace.name: a filter may follow at most 1 relationship',
    ])
    expect(paths({ or: [{ and: [{ 'project.workspace.name': { equals: 'x' } }] }] })).toEqual([
      'where.or[0].and[0].project.workspace.name: a filter may follow at most 1 relationship',
    ])
    expect(paths({ project: { in: "1,' OR '1'='1" } })).toEqual(['where.project.in: must be a whole-number id'])
    expect(paths({ id: { equals: '99999999999' } })).toEqual(['where.id.equals: must be a whole-number id'])
    expect(paths({ priority: { greater_than: 'lots' } })).toEqual(['where.priority.greater_than: must be a finite number'])
    expect(paths({ createdAt: { less_than: 'soon' } })).toEqual(['where.createdAt.less_than: must be a date (ISO 8601)'])
    expect(paths({ status: { like: 'new' } })).toEqual(['where.status.like: like works on text fields only'])
    expect(paths({ priority: { near: '1,2' } })).toEqual(['where.priority.near: near works on point fields only'])
    expect(paths({ 'lastActorByStage.x': { greater_than: 1 } })).toEqual([
      'where.lastActorByStage.x.greater_than: greater_than does not work inside JSON; use equals, not_equals, like, not_like, in or exists',
    ])
    expect(paths({ 'project.tags': { in: 'a' } })).toEqual([
      'where.project.tags.in: a filter may not use a list field of a related document',
    ])
    expect(paths({ 'workspace.members': { exists: true } }, 'projects')).toEqual([
      'where.workspace.members.exists: a filter may not use a join field of a related document',
    ])
    expect(paths({ document: { equals: 1 } }, 'locks')).toEqual([
      'where.document.equals: filter a relationship to several collections by <field>.value and <field>.relationTo',
    ])
    expect(paths({ project: { in: 'null' } })).toEqual(['where.project.in: in takes a list of values'])
    expect(paths({ project: { exists: 'maybe' } })).toEqual(['where.project.exists: exists takes true or false'])
    expect(paths({ _id: { equals: 1 } })).toEqual(['where._id: unknown field: the id is `id`'])
    expect(paths({ 'project.name': { equals: 'a\u0000b' } })).toEqual(['where.project.name.equals: must not contain a NUL character'])
    expect(paths('nonsense')).toEqual(['where: must be an object of field paths and operators'])
  })

  it('let ordinary filters through', () => {
    expect(
      paths({
        project: { equals: '3' },
        'project.name': { like: 'car' },
        priority: { greater_than_equal: 50 },
        'lastActorByStage.annotate': { equals: 4 },
      }),
    ).toEqual([])
    expect(
      paths(
        { document: { equals: 1 } }.document ? { 'document.value': { equals: 1 }, 'document.relationTo': { equals: 'tasks' } } : {},
        'locks',
      ),
    ).toEqual([])
    expect(paths({ tags: { in: ['a', 'b'] } }, 'projects')).toEqual([])
    expect(
      paths({ createdAt: { greater_than: '2026-01-01T00:00:00Z' }, status: { in: 'new,assigned' }, assignee: { exists: false } }),
    ).toEqual([])
  })

  it('limit nesting, conditions and list sizes', () => {
    let nested: unknown = { priority: { equals: 1 } }
    for (let i = 0; i < 8; i++) nested = { and: [nested] }
    expect(paths(nested)[0]).toMatch(/and\/or may nest at most 6 deep/)
    const wide = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, { equals: 1 }]))
    expect(paths(wide)).toContain('where: at most 100 conditions')
    expect(paths({ project: { in: Array.from({ length: 1001 }, (_, i) => i + 1) } })).toEqual(['where.project.in: at most 1000 values'])
  })

  it('check sorts', () => {
    expect(inspectSort(schema, 'tasks', '-project.workspace.name')).toEqual([
      { path: 'sort.project.workspace.name', message: expect.stringContaining('cannot sort by this field') },
    ])
    expect(inspectSort(schema, 'tasks', ['_id'])).toEqual([{ path: 'sort._id', message: 'unknown field: the id is `id`' }])
    expect(inspectSort(schema, 'tasks', '-priority,project.name')).toEqual([])
  })
})

describe('values, ids and bodies', () => {
  it('hold values to what their column can store', () => {
    expect(valueProblem('serial-id', '12')).toBeUndefined()
    expect(valueProblem('serial-id', 'NaN')).toBe('must be a whole-number id')
    expect(valueProblem('uuid-id', '00000000-0000-0000-0000-000000000000')).toBeUndefined()
    expect(valueProblem('number', '1e400')).toBe('must be a finite number')
    expect(valueProblem('date', '2026-13-45')).toBe('must be a date (ISO 8601)')
    expect(valueProblem('text', 'x'.repeat(2001))).toBe('must be at most 2000 characters')
    expect(valueProblem('text', { $gt: '' })).toBe('must be a plain value, not an object or a list')
    // Payload's document-lock check (getIsLocked) compares updatedAt with a Date object
    expect(valueProblem('date', new Date())).toBeUndefined()
    expect(valueProblem('date', new Date(Number.NaN))).toBe('must be a valid date')
    expect(valueProblem('number', new Date())).toBe('must not be a date')
    expect(idProblem('serial', '%ff')).toBe('must be a whole-number id')
    expect(integerProblem('1e400', 0, 1000)).toBe('must be a whole number from 0 to 1000')
    expect(integerProblem('-5', 1, 10)).toBe('must be a whole number from 1 to 10')
    expect(integerProblem('7', 1, 10)).toBeUndefined()
  })

  it('find NUL characters and runaway nesting in bodies without recursion', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(inspectBody({ name: 'ok', tags: deep })).toEqual([
      { path: expect.stringMatching(/^data\.tags(\[0\]){63}$/), message: 'nests deeper than 64 levels' },
    ])
    expect(inspectBody({ name: 'a\u0000b', nested: { ok: 'fine' } })).toEqual([
      { path: 'data.name', message: 'must not contain a NUL character' },
    ])
    expect(inspectBody({ name: 'fine', list: [1, 2, { x: 'y' }] })).toEqual([])
  })

  it("tell the errors a request caused from the server's own", () => {
    expect(classifyClientError(Object.assign(new Error('Failed query'), { cause: { code: '22P02' } }))?.status).toBe(400)
    expect(classifyClientError({ code: '2201X' })?.status).toBe(400)
    expect(classifyClientError({ code: '23505' })?.status).toBe(409)
    expect(classifyClientError(new URIError('URI malformed'))?.status).toBe(400)
    expect(classifyClientError({ originalError: new SyntaxError('Unexpected token') })?.status).toBe(400)
    expect(classifyClientError(new RangeError('Maximum call stack size exceeded'))?.status).toBe(400)
    expect(classifyClientError(new Error('Request is not eligible for file upload'))?.status).toBe(400)
    expect(classifyClientError({ code: '57P01' })).toBeUndefined() // the database going down is the server's fault
    expect(classifyClientError(new TypeError('x is undefined'))).toBeUndefined()
  })
})

describe('GraphQL documents', () => {
  it('are measured with fragments written out, and a self-spreading fragment counted once', () => {
    expect(measureDocument(parse('{ a { b { c } } d: e }'))).toEqual({ depth: 3, aliases: 1, fields: 4 })
    const withFragment = measureDocument(parse('query { a { ...F } } fragment F on T { b { c { d } } }'))
    expect(withFragment.depth).toBe(4)
    expect(measureDocument(parse('query { a { ...F } } fragment F on T { x ...F }')).fields).toBe(2)
  })
})
