import { Table, TableBody, TableFoot, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { ReactNode } from 'react';

/** A column heading; `numeric` right-aligns it over figures. */
export type Column = string | { label: string; numeric: true };

/** A Tremor table with its header row: callers give the columns and the body's rows. */
export function DataTable({
  columns,
  children,
  footer,
  testId,
}: {
  columns: readonly Column[];
  children: ReactNode;
  /** The cells of a closing row, such as a total. */
  footer?: ReactNode;
  testId?: string | undefined;
}) {
  return (
    <Table data-testid={testId}>
      <TableHead>
        <TableRow>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <TableHeaderCell key={column}>{column}</TableHeaderCell>
            ) : (
              <TableHeaderCell key={column.label} className="text-right">
                {column.label}
              </TableHeaderCell>
            ),
          )}
        </TableRow>
      </TableHead>
      <TableBody>{children}</TableBody>
      {footer ? (
        <TableFoot>
          <TableRow>{footer}</TableRow>
        </TableFoot>
      ) : null}
    </Table>
  );
}
