/** Result images (or the error) of one generation, labelled for tests and screen readers. */
export function Results({
  label,
  urls,
  error,
}: {
  label: string;
  urls: string[];
  error?: string | undefined;
}) {
  return (
    <section className="results" aria-label={label}>
      {error && <p role="alert">{error}</p>}
      {urls.map((url, index) => (
        // biome-ignore lint/performance/noImgElement: signed gateway links, not assets next/image can optimise
        <img key={url} src={url} alt={`${label}: result ${index + 1}`} />
      ))}
    </section>
  );
}
