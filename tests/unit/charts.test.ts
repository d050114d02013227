// The charts draw each row of bars as one path: the bars it holds must be the ones a rectangle per value would draw,
// where they would stand, and none for a value of nothing.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { barsPath, ColumnChart, SmallMultiples } from "~/components/charts/charts";

/** Each bar of a path as drawn: [left, top, width, height]. */
function barsOf(d: string): number[][] {
  return [...d.matchAll(/M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)h-([\d.]+)z/g)].map((m) => {
    expect(m[5], "each bar closes back to its left edge").toBe(m[3]);
    return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  });
}

describe("bars drawn as one path", () => {
  it("draws a rectangle per bar with a height, standing on its baseline, to a tenth of a unit", () => {
    const d = barsPath([
      { x: 10.04, width: 5.55, baseline: 100, height: 40 },
      { x: 20, width: 5.55, baseline: 100, height: 0 },
      { x: 30.16, width: 5.55, baseline: 100, height: 1 },
    ]);
    expect(barsOf(d)).toEqual([
      [10, 60, 5.6, 40],
      [30.2, 99, 5.6, 1],
    ]);
    expect(barsPath([{ x: 0, width: 4, baseline: 10, height: 0 }])).toBe("");
  });

  it("a column chart has one path with a bar per month that has engagements, and every value and label as text", () => {
    const html = renderToStaticMarkup(
      createElement(ColumnChart, { id: "c", title: "T", description: "D", labels: ["Jan", "Feb", "Mar"], values: [10, 0, 5] }),
    );
    const paths = [...html.matchAll(/<path class="app-chart__bar" d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(1);
    const bars = barsOf(paths[0]);
    expect(bars).toHaveLength(2);
    // The tallest fills the plot (220 high, 24 above, 28 below); the other is half as tall, on the same baseline.
    expect(bars.map(([, top, , height]) => [top + height, height])).toEqual([
      [192, 168],
      [192, 84],
    ]);
    expect([...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(["10", "Jan", "0", "Feb", "5", "Mar"]);
  });

  it("small multiples draw one path per row, all rows on one scale", () => {
    const html = renderToStaticMarkup(
      createElement(SmallMultiples, {
        id: "s",
        title: "T",
        description: "D",
        labels: ["Jan", "Feb"],
        series: [
          { name: "Police", values: [34, 17] },
          { name: "Border Force", values: [0, 0] },
        ],
      }),
    );
    const paths = [...html.matchAll(/<path class="app-chart__bar" d="([^"]*)"/g)].map((m) => barsOf(m[1]));
    expect(paths.map((bars) => bars.map(([, , , height]) => height))).toEqual([[34, 17], []]);
  });
});
