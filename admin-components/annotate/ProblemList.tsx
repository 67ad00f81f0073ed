'use client'
// What the server (or the request's own check) refused, one line per problem, announced to screen readers.
export function ProblemList({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null
  return (
    <ul className="labelops-problems" role="alert">
      {problems.map((problem, index) => (
        <li key={index}>{problem}</li>
      ))}
    </ul>
  )
}
