/** Sentences and headlines in the register of health-tech news, drawn from one stream. */
import {
  FIRST_NAMES,
  INSTITUTION_KINDS,
  INSTITUTION_PLACES,
  LAST_NAMES,
  NAME_HEADS,
  NAME_TAILS,
  ORG_SUFFIXES,
  PLACES,
  ROLES,
} from './names';
import type { Rng } from './rng';
import { capitalize, titleCase } from './text';
import { AREAS, CONCERNS, CONDITIONS, FACILITIES, GOALS, METRICS, TECH } from './words';

export class Prose {
  constructor(private readonly rng: Rng) {}

  org(): string {
    const r = this.rng;
    return r.pick(NAME_HEADS) + r.pick(NAME_TAILS) + r.pick(ORG_SUFFIXES);
  }

  person(): string {
    return `${this.rng.pick(FIRST_NAMES)} ${this.rng.pick(LAST_NAMES)}`;
  }

  institution(): string {
    return `${this.rng.pick(INSTITUTION_PLACES)} ${this.rng.pick(INSTITUTION_KINDS)}`;
  }

  money(): string {
    const r = this.rng;
    const currency = r.pick(['$', '$', '£', '€']);
    const form = r.int(0, 2);
    if (form === 0) return `${currency}${r.int(1, 9)}.${r.int(1, 9)} billion`;
    if (form === 1) return `${currency}${r.int(2, 950)} million`;
    return `${currency}${r.int(100, 999)},000`;
  }

  pct(): string {
    return `${this.rng.int(3, 72)}%`;
  }

  apostrophe(): string {
    return this.rng.chance(0.3) ? '’' : "'";
  }

  sentence(): string {
    const r = this.rng;
    const q = this.apostrophe();
    switch (r.int(0, 29)) {
      case 0:
        return `${this.org()} announced ${r.pick(TECH)} aimed to ${r.pick(GOALS)} across ${r.pick(PLACES)}.`;
      case 1:
        return `"We are committed to working with our partners to ${r.pick(GOALS)}," said ${this.person()}, ${r.pick(ROLES)} at ${this.org()}.`;
      case 2:
        return `The study found that ${r.pick(TECH)} reduced ${r.pick(METRICS)} by ${this.pct()} among patients with ${r.pick(CONDITIONS)}.`;
      case 3:
        return `More than ${r.int(2, 900)} ${r.pick(FACILITIES)} have already adopted the platform, the company said.`;
      case 4:
        return `Funding of ${this.money()} will support efforts to ${r.pick(GOALS)} over the next ${r.int(2, 10)} years.`;
      case 5:
        return `Critics warn that ${r.pick(CONCERNS)} could slow adoption unless providers ${r.pick(GOALS).replace(/^\w+/, 'also $&')}.`;
      case 6:
        return `${this.institution()} began a pilot of ${r.pick(TECH)} in ${r.int(2020, 2026)}, starting with ${r.int(20, 5000)} patients.`;
      case 7:
        return `According to ${this.person()}, ${r.pick(ROLES)}, the biggest barrier is not technology but ${r.pick(CONCERNS)}.`;
      case 8: {
        const [first, second] = r.shuffle(CONDITIONS);
        return `The programme${q}s second phase will focus on ${first} and ${second}.`;
      }
      case 9:
        return `Clinicians reported spending ${r.int(5, 90)} fewer minutes a day on ${r.pick(METRICS)} after the rollout.`;
      case 10:
        return `Regulators in ${r.pick(PLACES)} are expected to publish guidance on ${r.pick(TECH)} later this year.`;
      case 11:
        return `${capitalize(r.pick(TECH))} remains one of the fastest-growing segments, with ${this.money()} invested in ${r.int(2021, 2026)} alone.`;
      case 12:
        return `Patients enrolled in the scheme can share readings from home, and nurses are alerted when values fall outside agreed ranges.`;
      case 13:
        return `"It${q}s not about replacing clinicians — it${q}s about giving them time back," ${this.person()} said.`;
      case 14:
        return `The partnership with ${this.org()} brings together ${r.pick(TECH)} and ${r.pick(TECH)} in a single workflow.`;
      case 15:
        return `Early results suggest a ${this.pct()} drop in ${r.pick(METRICS)}, although the sample size was small.`;
      case 16:
        return `All integrated care systems are aiming to have core digital capabilities in place by March ${r.int(2025, 2029)}.`;
      case 17:
        return `Analysts at ${this.org()} estimate the market for ${r.pick(TECH)} will reach ${this.money()} by ${r.int(2027, 2032)}.`;
      case 18:
        return `The company said it would expand the service to ${r.int(3, 40)} more sites in ${r.pick(PLACES)}.`;
      case 19:
        return `${this.institution()} said the move would help ${r.pick(GOALS)} for people living with ${r.pick(CONDITIONS)}.`;
      case 20:
        return `In a survey of ${r.int(100, 4000)} ${r.pick(['nurses', 'physicians', 'patients', 'IT leaders', 'carers'])}, ${this.pct()} said ${r.pick(TECH)} had changed how they work.`;
      case 21:
        return `The ${r.pick(['Department of Health', 'health ministry', 'state regulator', 'national audit office'])} in ${r.pick(PLACES)} published the detailed paper on ${r.pick(['January', 'March', 'June', 'September', 'November'])} ${r.int(1, 28)}.`;
      case 22:
        return `${this.person()}, who leads the ${r.pick(AREAS).toLowerCase()} team at ${this.org()}, described the results as "encouraging but early."`;
      case 23:
        return `Interoperability remains a sticking point: only ${this.pct()} of ${r.pick(FACILITIES)} can exchange records electronically with social care.`;
      case 24:
        return `Under the contract, ${this.org()} will provide ${r.pick(TECH)} to ${r.int(2, 60)} ${r.pick(FACILITIES)} for ${r.int(2, 7)} years.`;
      case 25:
        return `Independent evaluators will track ${r.pick(METRICS)} and patient satisfaction for ${r.int(6, 36)} months.`;
      case 26:
        return `The rollout follows a ${this.money()} investment announced last year to ${r.pick(GOALS)}.`;
      case 27:
        return `Privacy advocates asked how long data from ${r.pick(TECH)} would be kept and who could see it.`;
      case 28:
        return `"${capitalize(r.pick(TECH))} only works if it fits into the clinician${this.apostrophe()}s day," said ${this.person()}.`;
      default:
        return `${capitalize(r.pick(CONDITIONS))} affects roughly ${r.int(1, 30)} million people in ${r.pick(PLACES)}, and demand for ${r.pick(TECH)} keeps rising.`;
    }
  }

  headline(): string {
    const r = this.rng;
    const area = r.pick(AREAS);
    const tech = titleCase(r.pick(TECH).replace(/^an? /, ''));
    const goal = titleCase(r.pick(GOALS));
    switch (r.int(0, 13)) {
      case 0: {
        const place = r.pick(['UK', 'Canada', 'Australia', 'Germany', 'India', 'Ireland']);
        return `${place}: Experts Welcome ${place}'s ${this.money().replace(' billion', 'B').replace(' million', 'M')} Plan for ${area}`;
      }
      case 1:
        return `${this.org()} Launches ${tech} to ${goal}`;
      case 2:
        return `${r.int(3, 400)} Hospitals Adopt ${tech} as ${area} Push Accelerates`;
      case 3:
        return `Study: ${tech} Cuts ${titleCase(r.pick(METRICS))} by ${this.pct()}`;
      case 4:
        return `Q&A: ${this.person()} on the Future of ${area}`;
      case 5:
        return `How ${this.institution()} Uses ${tech} to ${goal}`;
      case 6:
        return `${this.org()} Raises ${this.money()} for ${area} Platform`;
      case 7:
        return `"${capitalize(r.pick(CONCERNS))} Is the Real Problem," Says ${titleCase(r.pick(ROLES))}`;
      case 8:
        return `${this.org()} and ${this.org()} Partner on ${area}`;
      case 9:
        return `Why ${area} Is the Next Frontier for ${tech}`;
      case 10:
        return `#${r.int(1, 10)} Trend in ${area}: ${tech}`;
      case 11:
        return `[Webinar] ${area} in ${r.int(2024, 2027)} — What${this.apostrophe()}s Next?`;
      case 12:
        return `${area} & ${r.pick(AREAS)}: ${this.org()} Bets on ${tech}`;
      default:
        return `${r.pick(PLACES).replace(/^the /, 'The ')} to Spend ${this.money()} on ${tech} for ${titleCase(r.pick(CONDITIONS))}`;
    }
  }
}
