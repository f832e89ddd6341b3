// Groups img2dataset / webdataset member names ("000000042.jpg", ".txt", ".json") into samples ordered by key.
import { compareNatural } from './compare-natural';

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'] as const;

export interface SampleParts {
  /** webdataset key: the member path up to the first dot of its base name. */
  key: string;
  /** Member names (as given) of each part, or null when absent. */
  image: string | null;
  /** Lower-case extension of the image, e.g. "jpg". */
  imageExt: string | null;
  txt: string | null;
  json: string | null;
}

/**
 * Groups `names` by webdataset key and sorts samples by key (natural order). Names with
 * other extensions (.parquet stats, .cls, ...) and dot-files are ignored. When one key has
 * two images, the extension earliest in IMAGE_EXTENSIONS wins so the choice is stable.
 */
export function groupSamples(names: Iterable<string>): SampleParts[] {
  const byKey = new Map<string, SampleParts>();
  for (const name of names) {
    const slash = name.lastIndexOf('/');
    const base = name.slice(slash + 1);
    const dot = base.indexOf('.');
    if (dot <= 0) continue; // no extension, or a dot-file such as macOS "._000001.jpg"
    const key = name.slice(0, slash + 1 + dot);
    const ext = base.slice(dot + 1).toLowerCase();
    const kind = ext === 'txt' ? 'txt' : ext === 'json' ? 'json' : isImage(ext) ? 'image' : null;
    if (kind === null) continue;
    let sample = byKey.get(key);
    if (!sample) {
      sample = { key, image: null, imageExt: null, txt: null, json: null };
      byKey.set(key, sample);
    }
    if (kind !== 'image') sample[kind] = name;
    else if (sample.imageExt === null || rank(ext) < rank(sample.imageExt)) {
      sample.image = name;
      sample.imageExt = ext;
    }
  }
  return [...byKey.values()].sort((a, b) => compareNatural(a.key, b.key));
}

function isImage(ext: string): boolean {
  return (IMAGE_EXTENSIONS as readonly string[]).includes(ext);
}

function rank(ext: string): number {
  return (IMAGE_EXTENSIONS as readonly string[]).indexOf(ext);
}
