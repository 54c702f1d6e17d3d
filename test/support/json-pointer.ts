/** RFC 6901: the value a JSON pointer names in a document, or undefined when it names nothing. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], document);
}
