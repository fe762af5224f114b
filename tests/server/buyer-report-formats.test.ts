// The annual report in its other formats, on the real server: the DOCX is a Word file holding
// the HTML page's figures and the charts as PNG images; without a Chromium the PDF answers a clear
// error and the other formats still work; the HTML writer escapes what it is given.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { esc, html, withLinks } from "../../server/report/html-escape.ts";
import { withEnv } from "../helpers/with-env.ts";
import { shownIndicators } from "./helpers/report-page.ts";
import { useReportServer } from "./helpers/report-server.ts";

const report = useReportServer();

describe("GET /api/buyers/:siret/report?format=docx", () => {
  it(
    "is a Word file holding the page's figures and the charts as PNG images",
    { tags: ["slow"] },
    async () => {
      const { siret, year } = report.cases[1] ?? { siret: "", year: 0 };
      const page = await report.text(`/api/buyers/${siret}/report?year=${year}`);
      const response = await report.t.get(`/api/buyers/${siret}/report?year=${year}&format=docx`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toContain(`${siret}_${year}.docx`);
      const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
      const document = strFromU8(files["word/document.xml"] ?? new Uint8Array());
      expect(document).toContain("<w:body>");
      const figures = shownIndicators(page).filter((s) => s.text !== undefined && s.value !== "");
      expect(figures.length).toBeGreaterThan(0);
      for (const f of figures) expect(document).toContain(f.text ?? "");
      const images = Object.entries(files).filter(([name]) => name.startsWith("word/media/"));
      const charts = page.match(/data-chart="/g)?.length ?? 0;
      expect(charts).toBeGreaterThan(0);
      // One picture per chart in the text; identical charts may share one image file.
      expect(document.match(/<pic:pic\b/g)?.length ?? 0).toBe(charts);
      expect(images.length).toBeGreaterThan(0);
      expect(images.length).toBeLessThanOrEqual(charts);
      for (const [, bytes] of images) expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    },
  );
});

describe("PDF without a browser", () => {
  it(
    "answers 503 naming what to install, while HTML and DOCX still work",
    { tags: ["slow"] },
    async () => {
      await withEnv({ CHROMIUM_PATH: "/nonexistent/chromium" }, async () => {
        const { siret, year } = report.cases[0] ?? { siret: "", year: 0 };
        const pdf = await report.t.get(`/api/buyers/${siret}/report?year=${year}&format=pdf`);
        expect(pdf.status).toBe(503);
        const body = (await pdf.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("pdf_unavailable");
        expect(body.error.message).toContain("apt-get install -y chromium-headless-shell");
        expect(body.error.message).toContain("CHROMIUM_PATH");
        for (const format of ["html", "docx"]) {
          const other = await report.t.get(
            `/api/buyers/${siret}/report?year=${year}&format=${format}`,
          );
          expect(other.status, format).toBe(200);
        }
      });
    },
  );
});

describe("the report's HTML writer", () => {
  it("escapes every value it is given", () => {
    const hostile = `<img src=x onerror="alert(1)"> & 'x'`;
    const out = html`<p title="${hostile}">${hostile}</p>`.text;
    expect(out).not.toContain("<img");
    expect(out).toBe(`<p title="${esc(hostile)}">${esc(hostile)}</p>`);
    expect(esc(hostile)).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;");
  });

  it("links the web addresses of a text, escaped like the rest of it", () => {
    expect(withLinks("source : Plan (https://www.ecologie.gouv.fr/a-b) & co").text).toBe(
      'source : Plan (<a class="address" href="https://www.ecologie.gouv.fr/a-b">https://www.ecologie.gouv.fr/a-b</a>) &amp; co',
    );
    const hostile = withLinks(`voir https://x.fr/"><script>alert(1)</script> <b>`).text;
    expect(hostile).not.toMatch(/<script|<b>|href="[^"]*"[^>]*"/);
    expect(hostile).toContain('href="https://x.fr/&quot;&gt;&lt;script&gt;alert(1">');
    expect(withLinks("aucune adresse ici : ftp://x").text).toBe("aucune adresse ici : ftp://x");
  });
});
