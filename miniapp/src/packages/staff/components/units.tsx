import type { ComponentProps } from 'react';
import { FormField } from '@/components/kit/form';
import { Tabs } from '@/components/kit/tabs';
import { exportSheet } from '@/services/download';
import { unitsExportPath, type UnitFilters } from '@/packages/unit/api';
import './units.scss';

/** The units under these filters as a spreadsheet. */
export function exportUnits(filters: UnitFilters): Promise<void> {
  return exportSheet(unitsExportPath(filters), '会员单位');
}

/** A field of a staff form, with the message the contract or the server gave for it. */
export function StaffField(props: Omit<ComponentProps<typeof FormField>, 'block' | 'className'>) {
  return <FormField block="staff-form" className="staff-form__field" {...props} />;
}

/** A row of filter chips on a staff list, wrapping on a phone so every choice is in sight. */
export function StaffChips<Value extends string>(
  props: Omit<ComponentProps<typeof Tabs<Value>>, 'block' | 'element'>,
) {
  return <Tabs<Value> block="staff-chips" element="chip" {...props} />;
}
