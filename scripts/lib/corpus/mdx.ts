/** Content files as the pipeline writes them: YAML front matter between `---` lines, then the body. */
import { Document, Scalar } from 'yaml';

export type FrontMatter = Record<string, unknown>;

/** Sets the YAML style of top-level string fields, keeping the pipeline's look. */
export function toYaml(data: FrontMatter, styles: Record<string, Scalar.Type> = {}): string {
  const doc = new Document(data, { aliasDuplicateObjects: false });
  for (const [key, type] of Object.entries(styles)) {
    const node = doc.get(key, true);
    if (node instanceof Scalar && typeof node.value === 'string') node.type = type;
  }
  return doc.toString({ singleQuote: true, lineWidth: 80 });
}

export function mdxFile(yamlText: string, body: string): string {
  return `---\n${yamlText}---\n${body}`;
}
