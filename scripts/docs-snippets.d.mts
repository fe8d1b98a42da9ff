/** The README with every `<!-- snippet: PATH -->` block replaced by the file at PATH, fenced. */
export declare function withSnippets(readme: string): string;
/** Paths (from the repository root) of the files the README quotes. */
export declare function snippetPaths(readme: string): string[];
