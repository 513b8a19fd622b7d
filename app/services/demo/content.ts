/**
 * The demo strategy: "Vision for a future workforce strategy" (Social Care Leaders), its six
 * priorities with their summaries and "current context" figures, each figure with its source as
 * the document gives it. The commitments are illustrative "we will" statements drawn from the
 * document's own asks, so the demo has something to sign off and measure.
 */
import type {
  Judgement,
  MeasureDataSource,
  MeasureDirection,
  MeasureFrequency,
  MeasureUnit,
} from "~/domain/measures";
import type { ResponsibleParty } from "~/domain/responsible-parties";

export const DEMO_STRATEGY_ID = "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d0001";
export const DEMO_PASSWORD = "demo-password-2026";

const VISION = "Vision for a future workforce strategy (Social Care Leaders)";

export type DemoOrganisation = { key: string; name: string; shortName: string; kind: string };

export const demoOrganisations: DemoOrganisation[] = [
  { key: "adass", name: "Association of Directors of Adult Social Services", shortName: "ADASS", kind: "professional_body" },
  { key: "cpa", name: "Care Provider Alliance", shortName: "CPA", kind: "provider_body" },
  { key: "csa", name: "Care and Support Alliance", shortName: "CSA", kind: "people_led" },
  { key: "lga", name: "Local Government Association", shortName: "LGA", kind: "local_government" },
  { key: "sfc", name: "Skills for Care", shortName: "Skills for Care", kind: "improvement_body" },
  { key: "scie", name: "Social Care Institute for Excellence", shortName: "SCIE", kind: "improvement_body" },
  { key: "tlap", name: "Think Local Act Personal", shortName: "TLAP", kind: "people_led" },
  { key: "dhsc", name: "Department of Health and Social Care", shortName: "DHSC", kind: "central_government" },
  { key: "cqc", name: "Care Quality Commission", shortName: "CQC", kind: "regulator" },
  { key: "nhse", name: "NHS England", shortName: "NHS England", kind: "nhs" },
  { key: "scf", name: "Social Care Future", shortName: "Social Care Future", kind: "people_led" },
];

export type DemoAccount = {
  email: string;
  displayName: string;
  chosenName?: string;
  roles: { role: string; organisation?: string }[];
  organisation?: string;
  describes: string;
};

export const demoAccounts: DemoAccount[] = [
  {
    email: "facilitator@demo.hub.local",
    displayName: "Fatima Khan",
    roles: [{ role: "facilitator" }],
    describes: "Facilitator: sets up the strategy, its priorities and commitments; invites people",
  },
  {
    email: "lived.experience@demo.hub.local",
    displayName: "Samuel Okoro",
    chosenName: "Sam",
    roles: [{ role: "lived_experience" }],
    describes: "Person with lived experience (draws on care and support); uses the chosen name Sam",
  },
  {
    email: "worker@demo.hub.local",
    displayName: "Priya Patel",
    roles: [{ role: "worker" }],
    describes: "Person who works in social care (senior care worker)",
  },
  {
    email: "signatory.adass@demo.hub.local",
    displayName: "Dev Sharma",
    organisation: "adass",
    roles: [{ role: "partner" }, { role: "signatory", organisation: "adass" }],
    describes: "Partner and designated signatory for ADASS",
  },
  {
    email: "signatory.skillsforcare@demo.hub.local",
    displayName: "Ruth Evans",
    organisation: "sfc",
    roles: [{ role: "partner" }, { role: "signatory", organisation: "sfc" }],
    describes: "Partner and designated signatory for Skills for Care",
  },
  {
    email: "evaluator@demo.hub.local",
    displayName: "Alex Morgan",
    roles: [{ role: "evaluator" }],
    describes: "Evaluator: defines assurance measures and verifies evidence",
  },
];

export type DemoFigure = { figure: string; description: string; source: string; sourceUrl?: string };
export type DemoCommitment = {
  text: string;
  parties: ResponsibleParty[];
  lead: string;
  due: string;
  status: "draft" | "proposed" | "agreed" | "in_progress" | "delivered";
};
export type DemoPriority = {
  title: string;
  summary: string;
  context: string;
  figures: DemoFigure[];
  commitments: DemoCommitment[];
};

export const demoStrategy = {
  title: "Vision for a future workforce strategy",
  summary:
    "A sector vision for England's adult social care workforce: a sustainable, valued workforce that supports people to live in the place they call home, with the people and things they love, doing the things that matter to them. Co-produced with people who draw on care and support and people who work in social care.",
  whereWeAre: [
    { figure: "1.54m", description: "people work in adult social care in England", source: "Skills for Care, ASC-WDS, as cited in the vision" },
    { figure: "1.67m", description: "job roles across residential, home, community and other care settings", source: "Skills for Care, ASC-WDS, as cited in the vision" },
    { figure: "£41bn", description: "the sector's approximate contribution to the English economy", source: VISION },
  ] satisfies DemoFigure[],
};

export const demoPriorities: DemoPriority[] = [
  {
    title: "Staff are recognised, valued and rewarded",
    summary:
      "To attract new workers and retain the current workforce we need to promote a positive image of social care as a rewarding and fulfilling career, improve the pay and conditions of staff and support the wellbeing of the workforce.",
    context:
      "Challenges around recruitment and retention increased with COVID and sickness rose. Morale is low and care staff have felt undervalued. The poor public perception of the job is a traditional driver of poor recruitment and retention.",
    figures: [
      { figure: "7.8%", description: "of roles in adult social care were vacant before the pandemic", source: "Skills for Care estimates" },
      { figure: "112,000", description: "vacancies on any given day, on average", source: "Skills for Care estimates" },
      { figure: "£8.50", description: "average hourly pay for care workers in England, 24p an hour less than sales and retail assistants", source: VISION },
      { figure: "12p", description: "an hour: the pay difference between a care worker and a senior care worker", source: VISION },
      { figure: "24%", description: "of the workforce are employed on zero-hours contracts", source: VISION },
      {
        figure: "39%",
        description: "more (an additional £7,000) that many social care workers would be paid in other publicly funded sectors",
        source: "Unfair to Care",
        sourceUrl: "https://www.unfairtocare.co.uk/",
      },
    ],
    commitments: [
      {
        text: "We will set up an independent review of pay levels and of the mechanisms for setting pay in adult social care, aiming for parity with other public sector roles.",
        parties: ["central_government"],
        lead: "dhsc",
        due: "2027-12-31",
        status: "proposed",
      },
      {
        text: "We will agree a sustainable approach to pay and rewards that links pay to progression, in specialist roles as well as management.",
        parties: ["employers", "local_government", "central_government"],
        lead: "cpa",
        due: "2028-03-31",
        status: "draft",
      },
      {
        text: "We will promote a positive public image of social care as a skilled, rewarding career, paying attention to the gender and age balance of the workforce.",
        parties: ["central_government", "improvement_bodies"],
        lead: "sfc",
        due: "2027-06-30",
        status: "in_progress",
      },
      {
        text: "We will build clear expectations for staff wellbeing into regulatory frameworks and assessments, and hold bodies to account where they fall short.",
        parties: ["regulators", "local_government", "nhs_integrated_care"],
        lead: "cqc",
        due: "2028-03-31",
        status: "proposed",
      },
    ],
  },
  {
    title: "Invest in training, qualifications and support",
    summary:
      "Social care and support workers are highly skilled. Roles are changing as people's needs become more complex and care becomes more integrated and self-directed, so training, qualifications and support must keep pace and be built on real co-production.",
    context:
      "Access to learning and development, and the quality and suitability of training, varies between providers. Where employers invest in the skills and knowledge of their workforce, turnover is lower.",
    figures: [
      { figure: "45%", description: "of care workers have a Level 2 qualification", source: "Skills for Care data" },
    ],
    commitments: [
      {
        text: "We will develop a nationally recognised learning and skills framework, so that workers can move within the sector without repeating training unnecessarily.",
        parties: ["improvement_bodies", "central_government"],
        lead: "sfc",
        due: "2027-12-31",
        status: "in_progress",
      },
      {
        text: "We will make sure every worker has access to career-long learning and development, including recognised qualifications.",
        parties: ["employers", "improvement_bodies"],
        lead: "cpa",
        due: "2028-12-31",
        status: "draft",
      },
      {
        text: "We will invest in leaders and managers, and remove the barriers that workers from ethnic minorities face in progressing to leadership roles.",
        parties: ["employers", "improvement_bodies"],
        lead: "sfc",
        due: "2028-03-31",
        status: "proposed",
      },
      {
        text: "We will train and support commissioners so they are better able to commission to achieve the aims of the Care Act.",
        parties: ["local_government", "improvement_bodies"],
        lead: "lga",
        due: "2027-09-30",
        status: "proposed",
      },
    ],
  },
  {
    title: "Clear career pathways and development opportunities",
    summary:
      "We need clear, flexible career pathways: from entry roles to specialisms or leadership, including non-traditional and hybrid roles, linked to appropriate pay and development opportunities.",
    context:
      "Numerous reports call for clearer career pathways and progression. The assumed next step is often management, which many do not want; progression is often reactive, with no clear routes or pathways.",
    figures: [
      {
        figure: "Numerous",
        description: "reports call for clearer career pathways and progression to attract and retain people in social care",
        source: "Skills for Care, evidence review and consultation analysis",
        sourceUrl: "https://www.skillsforcare.org.uk/Documents/Evidence-review-and-consultation-analysis.pdf",
      },
    ],
    commitments: [
      {
        text: "We will map clear career pathways from entry roles to specialist and leadership roles, including non-traditional and hybrid roles.",
        parties: ["improvement_bodies", "employers"],
        lead: "sfc",
        due: "2027-12-31",
        status: "proposed",
      },
      {
        text: "We will create routes that let people move back and forth between jobs in health and social care, including secondments across integrated care systems.",
        parties: ["nhs_integrated_care", "employers", "local_government"],
        lead: "nhse",
        due: "2028-06-30",
        status: "draft",
      },
    ],
  },
  {
    title: "Building and enhancing social justice, equality, diversity and inclusion in the workforce",
    summary:
      "There must be no barriers to equal access to care and support, and no barriers to work and progression for workers who identify as Black, Asian and minority ethnic. Commissioners and the workforce should reflect the communities they serve.",
    context:
      "A Skills for Care survey in summer 2020 drew over 500 responses describing institutional and systematic racism and a lack of development opportunities, leading to under-representation in senior roles.",
    figures: [
      { figure: "21%", description: "of the adult social care workforce are Black, Asian and minority ethnic (England: 14%)", source: "ASC-WDS (Skills for Care)" },
      { figure: "15%", description: "of registered managers are from a Black, Asian and minority ethnic background", source: "ASC-WDS (Skills for Care)" },
      { figure: "17%", description: "of senior managers are from a Black, Asian and minority ethnic background", source: "ASC-WDS (Skills for Care)" },
      { figure: "84%", description: "of the workforce are British nationals; 7% from other EEA countries and 9% from non-EEA countries", source: "National Audit Office" },
    ],
    commitments: [
      {
        text: "We will support the Workforce Race Equality Standard in social care, so the challenges faced by Black, Asian and minority ethnic workers are understood and acted on.",
        parties: ["improvement_bodies", "employers", "local_government"],
        lead: "sfc",
        due: "2027-12-31",
        status: "in_progress",
      },
      {
        text: "We will engage with diverse communities at every level when we develop workforce policy, so that policy works for everyone.",
        parties: ["central_government", "local_government", "people_led_organisations"],
        lead: "tlap",
        due: "2027-06-30",
        status: "proposed",
      },
    ],
  },
  {
    title: "Effective workforce planning",
    summary:
      "A consistent approach to workforce planning at every level, joined up by a national strategy, underpinned by credible data and informed by people with experience of using services, and integrated with health.",
    context:
      "The last national workforce strategy was published in 2009; the 2017 draft health and care workforce strategy had one short chapter on social care. Local planning varies and roles and responsibilities are unclear.",
    figures: [
      { figure: "2009", description: "the year the last national adult social care workforce strategy was published", source: VISION },
    ],
    commitments: [
      {
        text: "We will publish a national adult social care people plan, aligned with the NHS People Plan, setting the direction for workforce capacity and capabilities.",
        parties: ["central_government"],
        lead: "dhsc",
        due: "2027-03-31",
        status: "proposed",
      },
      {
        text: "We will run a national social care workforce survey, designed with people who work in social care and people who draw on care and support.",
        parties: ["central_government", "improvement_bodies", "people_led_organisations"],
        lead: "sfc",
        due: "2027-09-30",
        status: "draft",
      },
      {
        text: "We will develop integrated local workforce plans through integrated care systems, with providers and partner organisations.",
        parties: ["nhs_integrated_care", "local_government", "employers"],
        lead: "adass",
        due: "2028-03-31",
        status: "proposed",
      },
    ],
  },
  {
    title: "Expansion of the workforce in roles which enable prevention and support the growth of innovative models of support",
    summary:
      "A greater focus on prevention, using all the assets in places and communities, and investment in innovative, community-based models of support and the roles that make them work.",
    context:
      "In a resource-tight sector there is no common understanding of prevention and wellbeing. Funding and focus have moved to high-need and crisis care, leaving fewer jobs in prevention and innovation.",
    figures: [
      {
        figure: "4%",
        description: "of Directors of Adult Social Services were fully confident in 2020/21 that their budget would meet their statutory duties",
        source: "ADASS budget survey",
        sourceUrl: "https://www.adass.org.uk/media/7973/no-embargo-adass-budget-survey-report.pdf",
      },
    ],
    commitments: [
      {
        text: "We will develop new prevention and community roles, such as community connectors, link workers and micro-providers, in co-production with people who draw on care.",
        parties: ["employers", "local_government", "people_led_organisations"],
        lead: "tlap",
        due: "2028-03-31",
        status: "draft",
      },
      {
        text: "We will commission for innovation and prevention, so that funding follows better outcomes and providers have autonomy to deploy their workforce.",
        parties: ["local_government", "nhs_integrated_care"],
        lead: "adass",
        due: "2028-06-30",
        status: "proposed",
      },
      {
        text: "We will grow digital skills across the workforce to make the most of assistive technology, monitoring and data.",
        parties: ["employers", "improvement_bodies"],
        lead: "scie",
        due: "2027-12-31",
        status: "draft",
      },
    ],
  },
];

/**
 * Demo statements. The four "I" statements are the Making It Real ones the vision quotes (its
 * "The future we want"); the "we" statements answer them in the words of the vision's own asks.
 * Links name priorities by position and commitments by their position in that priority.
 */
export type DemoStatement = {
  id: string;
  kind: "i" | "we";
  title: string;
  theme: "wellbeing_independence" | "information_advice" | "active_supportive_communities" | "flexible_integrated_care" | "when_things_need_to_change" | "workforce";
  status: "draft" | "in_review";
  /** Whose first draft it is (a demo account), and whose words it counts as. */
  writtenBy: string;
  /** Paragraphs; a paragraph of lines starting "- " is a bulleted list. */
  body: string[];
  answers?: string[];
  priorities?: number[];
  commitments?: [priority: number, commitment: number][];
};

const MIR = "From Making It Real, as the vision quotes it.";

export const demoStatements: DemoStatement[] = [
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1001",
    kind: "i",
    title: "I am seen as a unique person",
    theme: "workforce",
    status: "in_review",
    writtenBy: "lived.experience@demo.hub.local",
    body: ["I am supported by people who see me as a unique person with strengths, abilities, and aspirations.", MIR],
    priorities: [1],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1002",
    kind: "i",
    title: "I am listened to",
    theme: "workforce",
    status: "draft",
    writtenBy: "lived.experience@demo.hub.local",
    body: [
      "I am supported by people who listen carefully, so they know what matters to me and how to support me to live the life I want.",
      MIR,
    ],
    priorities: [1],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1003",
    kind: "i",
    title: "I am supported to make my own decisions",
    theme: "workforce",
    status: "draft",
    writtenBy: "lived.experience@demo.hub.local",
    body: [
      "I am supported to make decisions by people who see things from my point of view, with concern for what matters to me, my wellbeing and health.",
      MIR,
    ],
    priorities: [2],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1004",
    kind: "i",
    title: "I have considerate support from competent people",
    theme: "workforce",
    status: "draft",
    writtenBy: "lived.experience@demo.hub.local",
    body: ["I have considerate support delivered by competent people.", MIR],
    priorities: [2],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1005",
    kind: "we",
    title: "We value, reward and look after the people who support you",
    theme: "workforce",
    status: "draft",
    writtenBy: "worker@demo.hub.local",
    body: [
      "We recognise that the people who support you are skilled, and we show it in how we pay them, how we treat them and how we talk about their work.",
      "- We work towards pay that matches other publicly funded roles, and progression that is rewarded.\n- We look after the wellbeing of the people who support you, so they can stay and get to know you.\n- We promote social care as a skilled and rewarding career.",
    ],
    answers: ["6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1001", "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1002"],
    priorities: [1],
    commitments: [
      [1, 1],
      [1, 3],
    ],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1006",
    kind: "we",
    title: "We train and support the people who support you",
    theme: "workforce",
    status: "draft",
    writtenBy: "signatory.skillsforcare@demo.hub.local",
    body: [
      "We make sure the people who support you have the training, qualifications and support to do it well, and that what they learn is shaped by people who draw on care and support.",
      "- Learning that is recognised wherever a worker moves in the sector.\n- Career-long development, including recognised qualifications.",
    ],
    answers: ["6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1003", "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d1004"],
    priorities: [2],
    commitments: [
      [2, 1],
      [2, 2],
    ],
  },
];

/**
 * Demo assurance measures. The baselines are the vision's own figures, with their sources; the
 * targets are plausible examples (marked as such: the vision sets none). Links name priorities by
 * position and commitments by [priority, position], as the statements do.
 *
 * The data points are illustrative values, said so in their source, submitted by the demo worker
 * and verified by the demo evaluator, so the demo shows each status: vacancies at risk, pay on
 * track (with a newer value not yet verified), zero-hours contracts off track, managers at risk and
 * on track, the people plan milestone on track. The Level 2 qualification measure has no data yet,
 * so a journey can submit its first value and see its status appear.
 */
export type DemoDataPoint = {
  periodStart: string;
  periodEnd: string;
  value?: number;
  judgement?: Judgement;
  title: string;
  /** Submitted by the demo worker; verified by the demo evaluator unless false. */
  verified: boolean;
};

export type DemoMeasure = {
  id: string;
  name: string;
  definition: string;
  baseline?: { value: number; date: string; source: string };
  target?: { value: number; date: string };
  /** A milestone's date, for a qualitative measure. */
  milestoneDate?: string;
  unit?: MeasureUnit;
  direction?: MeasureDirection;
  frequency: MeasureFrequency;
  dataSource: MeasureDataSource;
  dataSourceDetail: string;
  rag: { method: "trajectory"; tolerance: number } | { method: "thresholds"; onTrack: number; offTrack: number } | { method: "judgement" };
  priorities?: number[];
  commitments?: [priority: number, commitment: number][];
  dataPoints: DemoDataPoint[];
};

const ILLUSTRATIVE = "Illustrative, for the demo (not published data)";
const ASC_WDS = "Published by Skills for Care";

export const demoMeasures: DemoMeasure[] = [
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d2001",
    name: "Vacancy rate in adult social care",
    definition: "The share of roles in adult social care in England that are vacant, on an average day.",
    baseline: { value: 7.8, date: "2020-03-31", source: "Skills for Care estimates (before the pandemic), as cited in the vision" },
    target: { value: 5, date: "2030-03-31" },
    unit: "percentage",
    direction: "lower_is_better",
    frequency: "annual",
    dataSource: "workforce_data_set",
    dataSourceDetail: ASC_WDS,
    rag: { method: "trajectory", tolerance: 0.75 },
    priorities: [1],
    dataPoints: [
      { periodStart: "2022-04-01", periodEnd: "2023-03-31", value: 9.9, title: "Vacancy rate, 2022 to 2023", verified: true },
      { periodStart: "2023-04-01", periodEnd: "2024-03-31", value: 8.1, title: "Vacancy rate, 2023 to 2024", verified: true },
      { periodStart: "2024-04-01", periodEnd: "2025-03-31", value: 7, title: "Vacancy rate, 2024 to 2025", verified: true },
    ],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d2002",
    name: "Average hourly pay of care workers",
    definition: "The average (median) hourly pay of care workers in England, before tax.",
    baseline: { value: 8.5, date: "2020-03-31", source: "Vision for a future workforce strategy (Social Care Leaders)" },
    target: { value: 13, date: "2028-03-31" },
    unit: "pounds",
    direction: "higher_is_better",
    frequency: "annual",
    dataSource: "workforce_data_set",
    dataSourceDetail: ASC_WDS,
    rag: { method: "trajectory", tolerance: 0.3 },
    commitments: [
      [1, 1],
      [1, 2],
    ],
    dataPoints: [
      { periodStart: "2022-04-01", periodEnd: "2023-03-31", value: 10.1, title: "Average hourly pay, 2022 to 2023", verified: true },
      { periodStart: "2023-04-01", periodEnd: "2024-03-31", value: 10.9, title: "Average hourly pay, 2023 to 2024", verified: true },
      { periodStart: "2024-04-01", periodEnd: "2025-03-31", value: 11.4, title: "Average hourly pay, 2024 to 2025", verified: false },
    ],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d2003",
    name: "Workers on zero-hours contracts",
    definition: "The share of the adult social care workforce employed on zero-hours contracts.",
    baseline: { value: 24, date: "2020-03-31", source: "Vision for a future workforce strategy (Social Care Leaders)" },
    target: { value: 15, date: "2030-03-31" },
    unit: "percentage",
    direction: "lower_is_better",
    frequency: "annual",
    dataSource: "workforce_data_set",
    dataSourceDetail: ASC_WDS,
    rag: { method: "trajectory", tolerance: 1 },
    priorities: [1],
    commitments: [[1, 2]],
    dataPoints: [
      { periodStart: "2023-04-01", periodEnd: "2024-03-31", value: 23, title: "Zero-hours contracts, 2023 to 2024", verified: true },
    ],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d2004",
    name: "Care workers with a Level 2 qualification",
    definition: "The share of care workers who hold a relevant adult social care qualification at Level 2 or above.",
    baseline: { value: 45, date: "2020-03-31", source: "Skills for Care data, as cited in the vision" },
    target: { value: 60, date: "2030-03-31" },
    unit: "percentage",
    direction: "higher_is_better",
    frequency: "annual",
    dataSource: "workforce_data_set",
    dataSourceDetail: ASC_WDS,
    rag: { method: "trajectory", tolerance: 2 },
    priorities: [2],
    commitments: [
      [2, 1],
      [2, 2],
    ],
    dataPoints: [],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d2005",
    name: "Registered managers from Black, Asian and minority ethnic backgrounds",
    definition:
      "The share of registered managers who are from a Black, Asian or minority ethnic background, against 21% of the whole workforce.",
    baseline: { value: 15, date: "2020-03-31", source: "ASC-WDS (Skills for Care), as cited in the vision" },
    target: { value: 21, date: "2030-03-31" },
    unit: "percentage",
    direction: "higher_is_better",
    frequency: "annual",
    dataSource: "workforce_data_set",
    dataSourceDetail: ASC_WDS,
    rag: { method: "thresholds", onTrack: 19, offTrack: 15 },
    priorities: [4],
    commitments: [[2, 3]],
    dataPoints: [
      { periodStart: "2023-04-01", periodEnd: "2024-03-31", value: 16.5, title: "Registered managers, 2023 to 2024", verified: true },
    ],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d2006",
    name: "Senior managers from Black, Asian and minority ethnic backgrounds",
    definition:
      "The share of senior managers who are from a Black, Asian or minority ethnic background, against 21% of the whole workforce.",
    baseline: { value: 17, date: "2020-03-31", source: "ASC-WDS (Skills for Care), as cited in the vision" },
    target: { value: 21, date: "2030-03-31" },
    unit: "percentage",
    direction: "higher_is_better",
    frequency: "annual",
    dataSource: "workforce_data_set",
    dataSourceDetail: ASC_WDS,
    rag: { method: "trajectory", tolerance: 1 },
    priorities: [4],
    commitments: [[2, 3]],
    dataPoints: [
      { periodStart: "2023-04-01", periodEnd: "2024-03-31", value: 18.8, title: "Senior managers, 2023 to 2024", verified: true },
    ],
  },
  {
    id: "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d2007",
    name: "National adult social care people plan published",
    definition:
      "A milestone: a national people plan for adult social care, aligned with the NHS People Plan, is published and sets the direction for workforce capacity and capabilities.",
    milestoneDate: "2027-03-31",
    frequency: "six_monthly",
    dataSource: "other",
    dataSourceDetail: "Progress reports to the strategy's partners",
    rag: { method: "judgement" },
    commitments: [[5, 1]],
    dataPoints: [
      {
        periodStart: "2025-04-01",
        periodEnd: "2025-09-30",
        judgement: "on_track",
        title: "Scope of the people plan agreed with partners",
        verified: true,
      },
    ],
  },
];

/** Where the demo's illustrative data points say they come from. */
export const DEMO_DATA_POINT_SOURCE = ILLUSTRATIVE;

/**
 * Sign-off in the demo. ADASS and Skills for Care are the strategy's default organisations, so a
 * new commitment asks them. The commitments of priority 1 must be signed off by both and have been
 * asked; ADASS has endorsed one and Skills for Care has objected to another, with its reason.
 * Every other commitment has not been asked yet.
 */
export type DemoDecision = {
  /** Position of the commitment in priority 1. */
  commitment: number;
  organisation: string;
  signedBy: string;
  decision: "endorsed" | "endorsed_with_conditions" | "objected";
  conditions?: string;
  reason?: string;
};

export const demoSignOff: { defaults: string[]; askedPriority: number; decisions: DemoDecision[] } = {
  defaults: ["adass", "sfc"],
  askedPriority: 1,
  decisions: [
    { commitment: 1, organisation: "adass", signedBy: "signatory.adass@demo.hub.local", decision: "endorsed" },
    {
      commitment: 2,
      organisation: "sfc",
      signedBy: "signatory.skillsforcare@demo.hub.local",
      decision: "objected",
      reason:
        "Linking pay to progression needs a nationally recognised career framework first; without one, most care workers would have no route to progress and no rise. We would endorse a version that names the framework and how it will be funded.",
    },
  ],
};

/**
 * Demo evidence other than data points, so the triangulation, the dashboard and the public
 * progress page have something to show: feedback and stories on priorities 2, 4 and 5 (priority
 * 1's evidence belongs to the evidence journey, whose counts it checks), in several categories.
 * Each is illustrative, drawn from what the vision says, and marked so in its source. One story
 * may be published, one is anonymised, and one may be quoted but NOT published (it must never
 * appear on the public page); one piece of feedback is left waiting for review. Documents are left
 * out: the seed has no file to attach. Targets name a priority by position, or a commitment by
 * [priority, position].
 */
export type DemoEvidence = {
  title: string;
  body: string;
  kind: "story" | "feedback";
  category: "peoples_experience" | "staff_leader_feedback" | "partner_feedback" | "observation" | "processes";
  priority?: number;
  commitment?: [number, number];
  evidenceDate: string;
  /** The demo account that submitted it (a story is submitted by the person whose story it is). */
  submittedBy: string;
  /** Verified by the demo evaluator unless false (then it waits for review). */
  verified: boolean;
  consent?: { quote: boolean; publish: boolean; anonymised: boolean };
};

export const DEMO_EVIDENCE_SOURCE = `${ILLUSTRATIVE}, drawn from the vision`;

export const demoEvidence: DemoEvidence[] = [
  {
    title: "Care workers on repeating training when they change employer",
    body: "At a regional care workers' forum, most of those who had moved to a new employer in the last two years said they had to repeat training they had already done, because the new employer did not recognise it. Several said a nationally recognised framework would let them move without starting again.",
    kind: "feedback",
    category: "staff_leader_feedback",
    priority: 2,
    evidenceDate: "2025-06-12",
    submittedBy: "worker@demo.hub.local",
    verified: true,
  },
  {
    title: "Support from someone who understood dementia",
    body: "The worker who supports my husband had done proper training on dementia. She knows how to calm him when he is confused, and she talks to him, not about him. Before, we had people who had never been shown how, and he was frightened of them.",
    kind: "story",
    category: "peoples_experience",
    priority: 2,
    evidenceDate: "2025-07-03",
    submittedBy: "lived.experience@demo.hub.local",
    verified: true,
    consent: { quote: true, publish: true, anonymised: false },
  },
  {
    title: "When the agency changed my carers every week",
    body: "For a whole winter a different carer came nearly every day, and I had to explain my medicines and my routine to each of them from the start. I felt like a job on a list.",
    kind: "story",
    category: "peoples_experience",
    priority: 2,
    evidenceDate: "2025-07-10",
    submittedBy: "lived.experience@demo.hub.local",
    verified: true,
    consent: { quote: true, publish: false, anonymised: false },
  },
  {
    title: "A training day seen by the evaluation team",
    body: "An evaluator sat in on a provider's induction day. The practical sessions were tailored to the people the new workers would support, as the vision asks; the learning was recorded in a way another employer could recognise.",
    kind: "feedback",
    category: "observation",
    priority: 2,
    evidenceDate: "2025-09-18",
    submittedBy: "worker@demo.hub.local",
    verified: true,
  },
  {
    title: "What Black, Asian and minority ethnic workers said about progression",
    body: "At a network meeting, workers echoed the Skills for Care survey of summer 2020: a lack of development opportunities, and being passed over for senior roles. They asked for mentoring and for open, fair recruitment to manager posts.",
    kind: "feedback",
    category: "staff_leader_feedback",
    priority: 4,
    evidenceDate: "2025-05-21",
    submittedBy: "worker@demo.hub.local",
    verified: true,
  },
  {
    title: "Passed over for a senior care worker post",
    body: "I trained new starters for three years and covered the senior's shifts, but each time a senior post came up it went to someone the manager already knew. Nobody told me what I needed to do to be considered.",
    kind: "story",
    category: "staff_leader_feedback",
    priority: 4,
    evidenceDate: "2025-08-14",
    submittedBy: "worker@demo.hub.local",
    verified: true,
    consent: { quote: true, publish: true, anonymised: true },
  },
  {
    title: "Integrated care system partners on local workforce plans",
    body: "Partners in one integrated care system said providers were invited to the workforce plan's first meeting but not to the ones where decisions were made. They agreed to put a provider representative on the planning group.",
    kind: "feedback",
    category: "partner_feedback",
    commitment: [5, 3],
    evidenceDate: "2025-10-02",
    submittedBy: "worker@demo.hub.local",
    verified: true,
  },
  {
    title: "Providers' views on a national workforce survey",
    body: "Providers at a regional meeting supported a national workforce survey if it replaced, rather than added to, the returns they already make.",
    kind: "feedback",
    category: "processes",
    priority: 5,
    evidenceDate: "2025-11-06",
    submittedBy: "worker@demo.hub.local",
    verified: false,
  },
];
