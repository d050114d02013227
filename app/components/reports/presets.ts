// The builder's quick periods, worked out from today's UK date (client-safe).
import { addDays, monthName, monthStart, ukFinancialYear } from "~/domain/dates";

type PeriodPreset = { id: string; label: string; from: string; to: string };

function monthOf(isoDate: string): string {
  return monthName(Number(isoDate.slice(5, 7))) ?? isoDate;
}

export function periodPresets(today: string): PeriodPreset[] {
  const thisMonth = monthStart(today);
  const lastMonthFrom = monthStart(today, -1);
  const month = Number(today.slice(5, 7));
  const quarterStart = monthStart(today, -((month - 1) % 3));
  const lastQuarterFrom = monthStart(quarterStart, -3);
  const lastQuarterTo = addDays(quarterStart, -1);
  const fy = ukFinancialYear(today);
  const previousFy = ukFinancialYear(addDays(fy.from, -1));
  const year = today.slice(0, 4);
  const lastYear = String(Number(year) - 1);
  return [
    {
      id: "last-month",
      label: `Last month (${monthOf(lastMonthFrom)} ${lastMonthFrom.slice(0, 4)})`,
      from: lastMonthFrom,
      to: addDays(thisMonth, -1),
    },
    {
      id: "last-quarter",
      label: `Last quarter (${monthOf(lastQuarterFrom)} to ${monthOf(lastQuarterTo)} ${lastQuarterTo.slice(0, 4)})`,
      from: lastQuarterFrom,
      to: lastQuarterTo,
    },
    {
      id: "this-financial-year",
      label: `This financial year (April ${fy.from.slice(0, 4)} to March ${fy.to.slice(0, 4)})`,
      from: fy.from,
      to: fy.to,
    },
    {
      id: "last-financial-year",
      label: `Last financial year (April ${previousFy.from.slice(0, 4)} to March ${previousFy.to.slice(0, 4)})`,
      from: previousFy.from,
      to: previousFy.to,
    },
    { id: "this-calendar-year", label: `This calendar year (${year})`, from: `${year}-01-01`, to: `${year}-12-31` },
    { id: "last-calendar-year", label: `Last calendar year (${lastYear})`, from: `${lastYear}-01-01`, to: `${lastYear}-12-31` },
  ];
}
