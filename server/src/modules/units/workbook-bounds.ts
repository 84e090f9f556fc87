import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { type Entry, Open } from 'unzipper';

/** What an uploaded workbook may hold once inflated: its bytes in all, and the rows and cells of any sheet. */
export interface WorkbookBounds {
  maxInflatedBytes: number;
  maxRows: number;
  maxCells: number;
}

/** Within the bounds, past one of them (found as soon as it was passed), or not a readable archive. */
export type BoundsVerdict = 'within' | 'too_large' | 'too_many_rows' | 'damaged';

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

class Stop extends Error {
  constructor(readonly verdict: BoundsVerdict) {
    super(verdict);
  }
}

/** The element's name without its namespace prefix (`x:row` is a row too). */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/**
 * Counts a worksheet's rows and cells as its XML streams past, stopping at the first one over the
 * bound. Only what holds a value counts: spreadsheet programs also write empty, formatted ones.
 */
function rowCounter({ maxRows, maxCells }: WorkbookBounds): (chunk: Buffer) => void {
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let rows = 0;
  let cells = 0;
  let inRow = false;
  let hasValue = false;
  parser.on('opentag', (node) => {
    const name = localName(node.name);
    if (name === 'row') {
      inRow = true;
      hasValue = false;
    } else if (inRow && (name === 'v' || name === 'is')) {
      hasValue = true;
      if (++cells > maxCells) throw new Stop('too_many_rows');
    }
  });
  parser.on('closetag', (node) => {
    if (localName(node.name) !== 'row') return;
    inRow = false;
    if (hasValue && ++rows > maxRows) throw new Stop('too_many_rows');
  });
  return (chunk) => {
    parser.write(decoder.write(chunk));
  };
}

/**
 * Streams the archive before anything parses it (unzipper, the zip layer of exceljs' own streaming
 * reader; saxes, its XML parser), inflating one entry at a time and keeping nothing: it stops at
 * the first byte past the bound and at the first row or cell past the limit, so a small file that
 * would inflate to gigabytes costs the bound, not the gigabytes, and memory stays flat whatever the
 * archive's headers claim. The entries are those of the central directory, as the workbook loader
 * (JSZip, inside exceljs) reads them; every one is counted, whether or not a workbook uses it, by
 * the bytes it inflates to, never by the size its header declares.
 */
export async function checkWorkbookBounds(bytes: Buffer, bounds: WorkbookBounds): Promise<BoundsVerdict> {
  let inflated = 0;
  let current: Entry | null = null;
  try {
    const { files } = await Open.buffer(bytes);
    for (const file of files) {
      if (file.type !== 'File') continue;
      const countRows = WORKSHEET.test(file.path) ? rowCounter(bounds) : null;
      current = file.stream();
      for await (const chunk of current as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > bounds.maxInflatedBytes) throw new Stop('too_large');
        countRows?.(chunk);
      }
      current = null;
    }
    return 'within';
  } catch (error) {
    // Anything else the zip or XML layer throws is a damaged file, as the workbook loader would find.
    return error instanceof Stop ? error.verdict : 'damaged';
  } finally {
    current?.destroy();
  }
}
