/**
 * The demo staff directory of the local stack: one of each role (the Pathological Anatomy's too),
 * specialists of every consultation type, with the disease sites they are expert in.
 */
import type { StaffMember } from '#domain/model.ts';
import type { StaffDirectory } from '#usecases/ports.ts';

const SECRETARIAT = 'secretariat@hospital.example';

type Member = Omit<StaffMember, 'active' | 'createdAt'>;

export const DEMO_STAFF: readonly Member[] = [
  {
    staffId: 'triage-rossi',
    name: 'Dr Giulia Rossi',
    email: 'giulia.rossi@hospital.example',
    roles: ['triage'],
    consultationTypes: [],
    languages: ['it', 'en'],
  },
  {
    staffId: 'triage-lead-bianchi',
    name: 'Dr Marco Bianchi',
    email: 'marco.bianchi@hospital.example',
    roles: ['triage_lead'],
    consultationTypes: [],
    languages: ['it', 'en'],
  },
  {
    staffId: 'office',
    name: 'Second Opinion Office',
    email: 'office@hospital.example',
    roles: ['office'],
    consultationTypes: [],
    languages: ['it', 'en'],
  },
  {
    staffId: 'onco-ferrari',
    name: 'Dr Laura Ferrari',
    email: 'laura.ferrari@hospital.example',
    roles: ['specialist'],
    consultationTypes: ['oncological', 'cardio_oncological'],
    diseaseSites: ['breast', 'gynaecological'],
    languages: ['it', 'en'],
    secretariatEmail: SECRETARIAT,
  },
  {
    staffId: 'surg-esposito',
    name: 'Dr Paolo Esposito',
    email: 'paolo.esposito@hospital.example',
    roles: ['specialist'],
    consultationTypes: ['surgical'],
    diseaseSites: ['breast', 'gastrointestinal'],
    languages: ['it'],
    secretariatEmail: SECRETARIAT,
  },
  {
    staffId: 'radio-smith',
    name: 'Dr Helen Smith',
    email: 'helen.smith@hospital.example',
    roles: ['specialist'],
    consultationTypes: ['radiotherapy', 'oncological'],
    diseaseSites: ['lung', 'head_neck'],
    languages: ['en'],
    secretariatEmail: SECRETARIAT,
  },
  {
    staffId: 'spec-lead-romano',
    name: 'Dr Chiara Romano',
    email: 'chiara.romano@hospital.example',
    roles: ['specialist_lead'],
    consultationTypes: [],
    languages: ['it', 'en'],
  },
  {
    staffId: 'path-greco',
    name: 'Dr Anna Greco',
    email: 'anna.greco@hospital.example',
    roles: ['pathology'],
    consultationTypes: [],
    languages: ['it', 'en'],
  },
  {
    staffId: 'path-moretti',
    name: 'Dr Sara Moretti',
    email: 'sara.moretti@hospital.example',
    roles: ['pathology'],
    consultationTypes: [],
    languages: ['en'],
  },
  {
    staffId: 'secretariat',
    name: 'Specialists Secretariat',
    email: SECRETARIAT,
    roles: ['secretariat'],
    consultationTypes: [],
    languages: ['it', 'en'],
  },
];

/** Seeds the directory when it is empty, so staff edited with `so staff` survive a restart. */
export async function seedStaff(directory: StaffDirectory, now: Date): Promise<number> {
  if ((await directory.listStaff()).length) return 0;
  for (const member of DEMO_STAFF) {
    await directory.putStaff({ ...member, active: true, createdAt: now.toISOString() });
  }
  return DEMO_STAFF.length;
}
