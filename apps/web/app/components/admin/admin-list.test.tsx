import { pickMessages } from "@mentora/i18n";
import { createRemixStub } from "@remix-run/testing";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "~/lib/i18n";
import { type Column, DataTable, readSort, sortRows } from "./data-table";
import { FilterForm } from "./filter-form";
import { Pager } from "./pager";

interface Row {
  id: string;
  name: string;
  amount: number;
}

const rows: Row[] = [
  { id: "a", name: "Zoé", amount: 300 },
  { id: "b", name: "Ali", amount: 100 },
  { id: "c", name: "Maya", amount: 200 },
];

const columns: Column<Row>[] = [
  { id: "name", header: "Name", sortValue: (row) => row.name, cell: (row) => row.name },
  { id: "amount", header: "Amount", sortValue: (row) => row.amount, cell: (row) => row.amount },
  { id: "actions", header: "Actions", headerHidden: true, cell: () => "x" },
];

/** The component rendered at a URL, inside a router (Links and Forms need one). */
async function render(url: string, element: () => JSX.Element): Promise<string> {
  const messages = pickMessages("en", ["web.admin", "web.adminPayments"]);
  const Stub = createRemixStub([
    {
      path: "*",
      // biome-ignore lint/correctness/noComponentHookFactories: one stub per rendered case
      Component: () => (
        <I18nProvider locale="en" timeZone="UTC" messages={messages}>
          {element()}
        </I18nProvider>
      ),
    },
  ]);
  return renderToString(<Stub initialEntries={[url]} />);
}

const table = () => (
  <DataTable
    caption="People"
    columns={columns}
    rows={rows}
    rowKey={(row) => row.id}
    rowProps={(row) => ({ "data-row": row.id })}
    empty={<p>none</p>}
  />
);

describe("DataTable", () => {
  it("captions the table and makes sortable headers links that flip the order", async () => {
    const html = await render("/admin/list?status=PAID", table);
    expect(html).toContain('<caption class="visually-hidden">People');
    expect(html).not.toContain("web.admin");
    expect(html).toContain('href="/admin/list?status=PAID&amp;sort=name"');
    expect(html).toContain('href="/admin/list?status=PAID&amp;sort=amount"');
    expect(html).not.toContain("aria-sort");
    // A header only screen readers read, and no sort link for an unsortable column.
    expect(html).toContain('<span class="visually-hidden">Actions</span>');
    expect(html).not.toContain("sort=actions");
  });

  it("orders the rows the URL asks for and marks the sorted column with aria-sort", async () => {
    const ascending = await render("/admin/list?sort=amount", table);
    expect(ascending).toContain('aria-sort="ascending"');
    expect(ascending).toContain('href="/admin/list?sort=-amount"');
    expect(ascending.indexOf('data-row="b"')).toBeLessThan(ascending.indexOf('data-row="c"'));
    expect(ascending.indexOf('data-row="c"')).toBeLessThan(ascending.indexOf('data-row="a"'));
    const descending = await render("/admin/list?sort=-name", table);
    expect(descending).toContain('aria-sort="descending"');
    expect(descending.indexOf('data-row="a"')).toBeLessThan(descending.indexOf('data-row="c"'));
  });

  it("shows the empty state instead of an empty table", async () => {
    const html = await render("/x", () => (
      <DataTable
        caption="People"
        columns={columns}
        rows={[]}
        rowKey={(row) => row.id}
        empty={<p>none</p>}
      />
    ));
    expect(html).toBe("<p>none</p>");
  });

  it("ignores a sort on an unknown or unsortable column, and keeps equal rows in order", () => {
    expect(readSort("?sort=actions", columns)).toBeNull();
    expect(readSort("?sort=nope", columns)).toBeNull();
    const same = [
      { id: "1", name: "A", amount: 1 },
      { id: "2", name: "A", amount: 1 },
    ];
    expect(sortRows(same, readSort("?sort=-name", columns)).map((row) => row.id)).toEqual([
      "1",
      "2",
    ]);
  });
});

describe("Pager", () => {
  it("keeps the filters on the next and first pages", async () => {
    const html = await render("/admin/list", () => (
      <Pager path="/admin/list" query="?status=PAID" isFirstPage={false} nextCursor="abc" />
    ));
    expect(html).toContain('aria-label="Pages"');
    expect(html).toContain('href="/admin/list?status=PAID"');
    expect(html).toContain('href="/admin/list?status=PAID&amp;cursor=abc"');
  });

  it("renders nothing on a single page", async () => {
    const html = await render("/admin/list", () => (
      <Pager path="/admin/list" isFirstPage nextCursor={null} />
    ));
    expect(html).toBe("");
  });
});

describe("FilterForm", () => {
  it("labels every control and keeps the URL's values", async () => {
    const html = await render("/admin/list", () => (
      <FilterForm
        path="/admin/list"
        values={{ status: "PAID", user: "zoé", failures: "1" }}
        fields={[
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: [{ value: "PAID", label: "Paid" }],
          },
          { kind: "search", name: "user", label: "User" },
          { kind: "decimal", name: "min", label: "Min" },
          { kind: "checkbox", name: "failures", label: "Failures only" },
        ]}
      />
    ));
    expect(html).toContain('method="get"');
    for (const name of ["status", "user", "min", "failures"]) {
      const id = new RegExp(`id="([^"]+)" name="${name}"`).exec(html)?.[1];
      expect(id, name).toBeTruthy();
      expect(html).toContain(`for="${id}"`);
    }
    expect(html).toMatch(/<option value="PAID" selected="">Paid<\/option>/);
    expect(html).toContain('value="zoé"');
    expect(html).toContain('inputMode="decimal"');
    expect(html).toMatch(/name="failures" type="checkbox" checked="" value="1"/);
  });
});
