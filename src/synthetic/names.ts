import type { Rng } from '../training/data/random';
import type { Script } from './fonts';

/** Plausible given and family names per script (a mix of origins for Latin). */
const NAMES: Record<Script, { given: string[]; family: string[] }> = {
  latin: {
    given: [
      'James', 'Maria', 'John', 'Anna', 'Robert', 'Elena', 'Michael', 'Sofia', 'David', 'Laura', 'Thomas', 'Julia',
      'Daniel', 'Clara', 'Peter', 'Marta', 'Joseph', 'Helen', 'Ahmed', 'Fatima', 'Carlos', 'Lucia', 'Pierre',
      'Claire', 'Hans', 'Greta', 'Ivan', 'Olga', 'Kenji', 'Yuki', 'Wei', 'Mei', 'Raj', 'Priya', 'Kwame', 'Amara',
      'Liam', 'Emma', 'Noah', 'Olivia', 'Mateo', 'Isabella', 'Lukas', 'Mila', 'Jan', 'Eva', 'Omar', 'Leila',
      'Samuel', 'Ruth', 'Victor', 'Irene', 'Arthur', 'Edith', 'George', 'Alice', 'Felix', 'Nora', 'Oscar', 'Ines',
    ],
    family: [
      'Smith', 'Garcia', 'Muller', 'Rossi', 'Dubois', 'Kowalski', 'Johnson', 'Silva', 'Novak', 'Petrov', 'Jensen',
      'Nakamura', 'Chen', 'Patel', 'Okafor', 'Haddad', 'Fernandez', 'Schmidt', 'Bianchi', 'Lefebvre', 'Nowak',
      'Williams', 'Santos', 'Horvat', 'Ivanova', 'Larsen', 'Tanaka', 'Wang', 'Sharma', 'Mensah', 'Khalil',
      'Martinez', 'Becker', 'Romano', 'Moreau', 'Wozniak', 'Brown', 'Oliveira', 'Dvorak', 'Sokolov', 'Nielsen',
      'Kimura', 'Liu', 'Gupta', 'Adeyemi', 'Nasser', 'Lopez', 'Wagner', 'Greco', 'Laurent', 'Lewandowski',
      'Taylor', 'Pereira', 'Kovac', 'Volkov', 'Hansen', 'Sato', 'Zhang', 'Iyer', 'Boateng', 'Saleh', 'Harrington',
    ],
  },
  bengali: {
    given: ['অমিত', 'সুমন', 'রহিম', 'করিম', 'প্রিয়া', 'রিয়া', 'সুমিতা', 'অনিল', 'রাজু', 'মিতা', 'তানিয়া', 'আরিফ', 'নাসরিন', 'দীপক', 'শিলা'],
    family: ['সরকার', 'দাস', 'রায়', 'বসু', 'ঘোষ', 'চৌধুরী', 'হোসেন', 'ইসলাম', 'মিত্র', 'সেন', 'পাল', 'আহমেদ', 'দত্ত', 'বিশ্বাস'],
  },
  devanagari: {
    given: ['राहुल', 'प्रिया', 'अमित', 'सुनीता', 'अनिल', 'पूजा', 'विकास', 'नेहा', 'संजय', 'कविता', 'रमेश', 'अंजलि', 'मोहन', 'सीमा'],
    family: ['शर्मा', 'वर्मा', 'कुमार', 'सिंह', 'गुप्ता', 'मेहता', 'जोशी', 'पटेल', 'यादव', 'मिश्रा', 'अग्रवाल', 'चौहान', 'राठौर'],
  },
  arabic: {
    given: ['محمد', 'أحمد', 'علي', 'حسن', 'فاطمة', 'عمر', 'خالد', 'يوسف', 'سارة', 'مريم', 'ليلى', 'كريم'],
    family: ['الحسيني', 'حداد', 'خليل', 'ناصر', 'صالح', 'منصور', 'عباس', 'سليمان', 'يوسف', 'الشامي'],
  },
};

const pick = <T>(rng: Rng, xs: readonly T[]) => xs[rng.int(xs.length)];
const initial = (s: string) => s.charAt(0).toUpperCase();

/**
 * A signature text for a new writer: full name, initial + surname, given name + initial,
 * surname only or initials (Latin), or given + family name (other scripts).
 */
export function randomSignatureText(rng: Rng, script: Script): string {
  const { given, family } = NAMES[script];
  const g = pick(rng, given);
  const f = pick(rng, family);
  if (script !== 'latin') return rng.next() < 0.8 ? `${g} ${f}` : f;
  const form = rng.next();
  let text: string;
  if (form < 0.4) text = `${g} ${f}`;
  else if (form < 0.62) text = `${initial(g)}. ${f}`;
  else if (form < 0.72) text = `${g} ${initial(f)}.`;
  else if (form < 0.82) text = f;
  else if (form < 0.9) text = `${initial(g)}${initial(f)}`;
  else text = `${g} ${initial(pick(rng, given))}. ${f}`;
  if (rng.next() < 0.1) text = text.toLowerCase();
  return text;
}
