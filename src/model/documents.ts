/** A rendered report whose signature field is still empty: the package stage signs it. */
export interface RenderedReport {
  path: string;
  content: Buffer;
}

/** What the render stage hands to the package stage: the reports and README.txt. */
export interface RenderedDocuments {
  reports: RenderedReport[];
  readme: string;
}
