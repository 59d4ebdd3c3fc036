import { describe, expect, it } from 'vitest';
import {
  classify,
  detectLanguage,
  documentDateOf,
  normalise,
  oncologistSectionsOf,
} from '#domain/classifier.ts';

describe('classify', () => {
  it('goes by what the title says, not by the reports a letter quotes', () => {
    const c = classify([
      'LETTERA DI DIMISSIONE\nData di ricovero: 02/03/2026  Data di dimissione: 09/03/2026\n' +
        "Decorso clinico: l'esame istologico e il referto istologico definitivo mostrano adenocarcinoma; la TC torace era negativa.",
    ]);
    expect(c.documentType).toBe('discharge_letter');
    expect(c.language).toBe('it');
    expect(c.documentDate).toBe('2026-03-09');
    expect(c.signals.some((s) => s.for === 'discharge_letter' && s.where === 'title')).toBe(true);
  });

  it('marks a document with nothing recognisable as other, needing review', () => {
    const c = classify([
      'Shopping list: bread, milk, eggs. See you on Sunday at the lake with the children.',
    ]);
    expect(c.documentType).toBe('other');
    expect(c.needsReview).toBe(true);
    expect(c.confidence).toBe(0);
  });

  it('classifies an empty document as other with language other', () => {
    const c = classify(['', '']);
    expect(c).toMatchObject({ documentType: 'other', language: 'other', needsReview: true });
    expect(c.documentDate).toBeUndefined();
  });

  it('lists the oncologist report sections present and missing', () => {
    const c = classify([
      'ONCOLOGY CONSULTATION\nDate: 3 November 2026\nDiagnosis: adenocarcinoma of the lung.\nStage: pT2a N2 M0.\n' +
        'Oncological history: lobectomy in 2025.\nCurrent problems: cough.',
    ]);
    expect(c.documentType).toBe('oncologist_report');
    expect(c.oncologistSections).toEqual({
      present: ['diagnosis', 'stage', 'cancer_history', 'current_problems'],
      missing: ['non_cancer_history', 'treatments', 'clinical_question'],
    });
  });

  it('keeps a low-margin decision for review', () => {
    // Two administrative kinds named once each: neither clearly wins.
    const c = classify(['Privacy form and proxy']);
    expect(c.documentType).toBe('proxy_authorization');
    expect(c.confidence).toBeLessThan(0.5);
    expect(c.needsReview).toBe(true);
    const clear = classify(['PROXY AUTHORIZATION\nI hereby authorize my son to act on my behalf.']);
    expect(clear.confidence).toBeGreaterThan(c.confidence);
    expect(clear.needsReview).toBe(false);
  });
});

describe('classify in the languages the training documents barely cover', () => {
  it('knows a discharge letter in Portuguese and an operation note in Spanish by their cue concepts', () => {
    const alta = classify([
      'HOSPITAL DE SANTO ANTONIO - PORTO\nServiço de Cirurgia Geral\nNOTA DE ALTA\n' +
        'Data de admissão: 02/10/2026   Data de alta: 09/10/2026\n' +
        'Motivo de internamento: dor abdominal. Evolução clínica favorável, sem complicações.\n' +
        'Medicação à alta: paracetamol 1 g 8/8 h. Seguimento em consulta externa.',
    ]);
    expect(alta).toMatchObject({
      documentType: 'discharge_letter',
      language: 'other',
      documentDate: '2026-10-09',
    });
    const quirurgico = classify([
      'Hospital Universitario La Paz - Madrid\nServicio de Cirugía General\nINFORME QUIRÚRGICO\n' +
        'Fecha de intervención: 14/05/2026\nCirujano: Dr. Pérez. Anestesia general.\n' +
        'Incisión de Kocher, hemostasia cuidadosa, drenaje aspirativo, sutura intradérmica.',
    ]);
    expect(quirurgico).toMatchObject({ documentType: 'surgical_report', language: 'other' });
    expect(quirurgico.signals.some((s) => s.for === 'surgical_report' && s.cue.startsWith('concept:'))).toBe(
      true,
    );
  });

  it('gives a probability as the confidence, high for a clear document and low for a vague one', () => {
    const clear = classify([
      'EMOCROMO E CHIMICA CLINICA\nLaboratorio Analisi - Prelievo del 03/11/2026\n' +
        'Emoglobina 12,1 g/dl (12,0 - 16,0)\nGlobuli bianchi 6,2 x10^3/ul (4,0 - 10,0)\n' +
        'Piastrine 250 x10^3/ul (150 - 400)\nCreatinina 0,8 mg/dl (0,5 - 1,1)\nCEA 2,1 ng/ml (0 - 5)',
    ]);
    expect(clear.documentType).toBe('lab_results');
    expect(clear.confidence).toBeGreaterThan(0.8);
    expect(clear.needsReview).toBe(false);
    const vague = classify(['Referto del 03/11/2026. Si allega copia.']);
    expect(vague.confidence).toBeLessThan(clear.confidence);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['The patient was admitted with pain in the left flank and the scan of the abdomen was negative.', 'en'],
    [
      'La paziente è stata ricoverata per dolore al fianco sinistro e la TC della regione era negativa.',
      'it',
    ],
    [
      "La patiente a été hospitalisée pour une douleur du flanc gauche et l'examen est normal avec des images.",
      'other',
    ],
    [
      'Die Patientin wurde mit Schmerzen in der linken Flanke aufgenommen und der Befund ist unauffällig.',
      'other',
    ],
    ['A doente foi internada por dor no flanco esquerdo e a TC da região não mostrou alterações.', 'other'],
    ['La paciente fue ingresada por dolor en el flanco izquierdo y la TC de la región fue normal.', 'other'],
    // Romanian typed without its diacritics shares la, de, in and data with Italian.
    [
      'Pacientul a fost internat in sectia de chirurgie pentru dureri la nivelul abdomenului, fara febra. Data externarii: 12.03.2026.',
      'other',
    ],
    ['Pacienti u shtrua në spital me dhimbje barku dhe ekzaminimi nuk tregoi ndryshime.', 'other'],
    ['De patiënt werd opgenomen met pijn in de linker flank en het onderzoek was niet afwijkend.', 'other'],
    ['Pacjent został przyjęty do szpitala z bólem brzucha, badanie nie wykazało zmian.', 'other'],
    ['Pacijent je primljen u bolnicu zbog bolova u trbuhu, nalaz je bio uredan.', 'other'],
    ['Hasta karın ağrısı ile hastaneye yatırıldı ve muayene sonucu normal olarak değerlendirildi.', 'other'],
    // Units (U/L) and initials are no one's words: an Italian lab sheet stays Italian.
    [
      'Paziente: Rossi Mario | GOT 38 U/L | GPT 45 U/L | GGT 96 U/L | ALP 131 U/L | LDH 248 U/L | Note: campione lievemente emolizzato, da ripetere.',
      'it',
    ],
    // A bilingual card prints its own language first and the English after a slash.
    [
      "RÉPUBLIQUE FRANÇAISE\nCARTE NATIONALE D'IDENTITÉ / IDENTITY CARD\nNom / Surname: DURAND\nPrénoms / Given names: Anne\nDate de naissance / Date of birth: 14 04 1963\nLieu de naissance / Place of birth: LYON",
      'other',
    ],
    [
      'REPUBBLICA ITALIANA\nCOGNOME / SURNAME\nROSSI\nLUOGO E DATA DI NASCITA / PLACE AND DATE OF BIRTH\nTORINO 17.01.1960\nSCADENZA / EXPIRY 17.01.2034',
      'it',
    ],
    [
      'Surname/Nom\nDate of birth/Date de naissance\nPlace of birth/Lieu de naissance\nDate of issue/Date de délivrance',
      'en',
    ],
  ])('%s -> %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });
});

describe('documentDateOf', () => {
  it('prefers the labelled date and skips the date of birth', () => {
    expect(
      documentDateOf(
        normalise('Date of birth: 12/05/1961\nDate of report: 14 October 2026\nSurgery on 01/02/2026'),
      ),
    ).toBe('2026-10-14');
  });
  it('reads Italian month names and day-first numeric dates', () => {
    expect(documentDateOf(normalise('Nata il 03/04/1970. Milano, 7 novembre 2026'))).toBe('2026-11-07');
    expect(documentDateOf(normalise('Data referto: 05.11.2026'))).toBe('2026-11-05');
  });
  it('falls back to the latest plausible date, and ignores impossible ones', () => {
    expect(documentDateOf(normalise('seen 02/03/2026, reviewed 2026-04-01, 31/02/2026'))).toBe('2026-04-01');
    expect(documentDateOf(normalise('no dates here'))).toBeUndefined();
  });
});

describe('documentDateOf in the formats documents use', () => {
  it.each([
    [
      'a letter: the place and date line',
      'Lyon, le 27 mars 2026\nHospitalisée du 09/03/2026 au 27/03/2026',
      '2026-03-27',
    ],
    ['a German letter', 'Augsburg, den 17.02.2026\nCT vom 09.02.2026 und Labor vom 10.02.2026', '2026-02-17'],
    [
      'a Spanish signature',
      'Firmado: Dr. Méndez - Madrid, 6 de mayo de 2026\nRM hepática del 02/04/2026',
      '2026-05-06',
    ],
    [
      'US dates, month first, and a print date after the discharge',
      'Printed 01/21/2026 14:02\nAdmit date: 01/14/2026 Discharge date: 01/19/2026\nNext clinic 01/23/2026',
      '2026-01-19',
    ],
    [
      'an identity card: the issue date, not birth or expiry',
      'Date of birth\n19 Aug 1949\nDate of issue\n23 Jun 2025\nDate of expiration\n22 Jun 2035',
      '2025-06-23',
    ],
    [
      'a driving licence: field 4a',
      '3. 17/03/1960 PRATO (PO)\n4a. 05/08/2025 4c. MIT-UCO\n4b. 17/03/2035',
      '2025-08-05',
    ],
    [
      'a report signed after sampling',
      'Collected: 27/Feb/2026 08:20\nReported: 28/Feb/2026 17:45',
      '2026-02-28',
    ],
  ])('%s', (_what, text, date) => {
    expect(documentDateOf(normalise(text))).toBe(date);
  });

  it('finds none on a card that carries only a birth and an expiry date', () => {
    expect(
      documentDateOf(normalise('Data di nascita\n03/03/1958\nData di scadenza\n14/10/2031')),
    ).toBeUndefined();
  });
});

describe('oncologistSectionsOf', () => {
  it('finds the sections of a letter in prose, without headings', () => {
    const text = normalise(
      'Dear colleague, Mrs Kent was diagnosed in 2021 with invasive lobular carcinoma, pT2 pN1a M0. ' +
        'She has hypertension and asthma. She received docetaxel 100 mg/m2 and now takes letrozole 2.5 mg. ' +
        'She is well, ECOG 0. She has asked me whether she should stop letrozole at 5 years.',
    );
    expect(oncologistSectionsOf(text)).toEqual({
      present: [
        'diagnosis',
        'stage',
        'non_cancer_history',
        'cancer_history',
        'treatments',
        'current_problems',
        'clinical_question',
      ],
      missing: [],
    });
  });

  it('reads section headings in German and Spanish', () => {
    const german = oncologistSectionsOf(
      normalise('Diagnose: Adenokarzinom\nNebendiagnosen: keine\nAktueller Zustand: gut'),
    );
    expect(german.present).toEqual(
      expect.arrayContaining(['diagnosis', 'non_cancer_history', 'current_problems']),
    );
    expect(german.missing).toEqual(expect.arrayContaining(['treatments', 'clinical_question']));
    const spanish = oncologistSectionsOf(
      normalise('Historia oncológica: ...\nPregunta para la segunda opinión: ...'),
    );
    expect(spanish.present).toEqual(['cancer_history', 'clinical_question']);
  });
});
