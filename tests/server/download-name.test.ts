// File names of downloads (client/src/shared/download-name.js): what the file holds, in short,
// the same for the server's Content-Disposition and the dashboard's links.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadName } from "../../client/src/shared/download-name.js";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const q = (text: string) => new URLSearchParams(text);

describe("download names", () => {
  it("say the indicator, the breakdown, the filters in short and the format", () => {
    const request = q("by=region,year&filter=year>=2024&filter=year<=2024");
    expect(downloadName("single_offer_rate", request, "csv_excel")).toBe(
      "single-offer-rate_par-region-annee_2024_excel.csv",
    );
    expect(downloadName("single_offer_rate", request, "csv")).toBe(
      "single-offer-rate_par-region-annee_2024.csv",
    );
    expect(downloadName("single_offer_rate", request, "xlsx")).toBe(
      "single-offer-rate_par-region-annee_2024.xlsx",
    );
    expect(downloadName("single_offer_rate", request, "parquet")).toBe(
      "single-offer-rate_par-region-annee_2024.parquet",
    );
    expect(downloadName("single_offer_rate", request, "table")).toBe(
      "single-offer-rate_par-region-annee_2024_tableau.csv",
    );
  });

  it("write year ranges, other filters and their operators in words", () => {
    const name = (text: string) => downloadName("contracts_count", q(text), "csv");
    expect(name("by=year")).toBe("contracts-count_par-annee.csv");
    expect(name("")).toBe("contracts-count.csv");
    expect(name("by=departement&filter=year>=2019&filter=year<=2024&region=84")).toBe(
      "contracts-count_par-departement_2019-2024_region-84.csv",
    );
    expect(name("filter=year>=2020")).toBe("contracts-count_depuis-2020.csv");
    expect(name("filter=year<2024")).toBe("contracts-count_jusqu-a-2023.csv");
    expect(name("year=2024")).toBe("contracts-count_2024.csv");
    // A list of years is not a range: two files of other contents, two names.
    expect(name("filter=year~2019,2024")).toBe("contracts-count_2019-et-2024.csv");
    expect(name("year=2019,2024")).toBe("contracts-count_2019-et-2024.csv");
    expect(name("filter=year>=2019&filter=year<=2024")).toBe("contracts-count_2019-2024.csv");
    // A breakdown given in two parameters is named whole, as the server reads it.
    expect(name("by=year&by=region")).toBe("contracts-count_par-annee-region.csv");
    expect(name("acheteur_id=26690025700046&procedure=appel_offres_ouvert,procedure_adaptee")).toBe(
      "contracts-count_acheteur-26690025700046_procedure-appel-offres-ouvert-procedure-adaptee.csv",
    );
    expect(name("filter=procedure!=sans_publicite&departement=2A")).toBe(
      "contracts-count_departement-2a_procedure-sauf-sans-publicite.csv",
    );
    expect(name("by=year&grain=quarter")).toBe("contracts-count_par-annee_trimestriel.csv");
  });

  it("do not depend on the order of the request's parameters, nor on its snapshot", () => {
    const a = downloadName(
      "amount_total",
      q("region=84&by=cpv_division&filter=year<=2024&filter=year>=2020&nature=marche"),
      "xlsx",
    );
    const b = downloadName(
      "amount_total",
      q("filter=year>=2020&nature=marche&snapshot=x&by=cpv_division&filter=year<=2024&region=84"),
      "xlsx",
    );
    expect(a).toBe(b);
    expect(a).toBe("amount-total_par-cpv_2020-2024_region-84_nature-marche.xlsx");
  });

  it("keep to plain, short characters whatever the request holds", () => {
    const name = downloadName(
      "contracts_count",
      q(`acheteur_nom=${encodeURIComponent('Ville d\'Évry "test"/../; rm -rf')}&by=acheteur_nom`),
      "csv_excel",
    );
    expect(name).toBe(
      "contracts-count_par-nom-acheteur_nom-acheteur-ville-d-evry-test-rm-rf_excel.csv",
    );
    const long = downloadName("contracts_count", q(`acheteur_nom=${"x".repeat(400)}`), "parquet");
    expect(long.length).toBeLessThanOrEqual(150);
    expect(long).toMatch(/^[a-z0-9_-]+\.parquet$/);
  });
});

describe("the export route names its file the same way", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it("Content-Disposition carries the shared name for every format", async () => {
    const request = "by=region,year&filter=year>=2024&filter=year<=2024";
    for (const format of ["csv_excel", "csv", "xlsx", "parquet"]) {
      const response = await t.get(
        `/api/indicators/single_offer_rate/export?format=${format}&${request}`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="${downloadName("single_offer_rate", q(request), format)}"`,
      );
    }
    const excel = await t.get(
      "/api/indicators/single_offer_rate/export?filter=year%3C%3D2024&format=csv_excel&by=region%2Cyear&filter=year%3E%3D2024",
    );
    expect(excel.headers.get("content-disposition")).toBe(
      'attachment; filename="single-offer-rate_par-region-annee_2024_excel.csv"',
    );
  });
});
