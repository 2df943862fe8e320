// Word lists for the demo ledger generator. Nothing here names a real company: names are built by
// combining trades, family names and places. No tab, pipe or semicolon may appear in these words.

export const TRADES = [
  'Boulangerie',
  'Transports',
  'Garage',
  'Menuiserie',
  'Imprimerie',
  'Pharmacie',
  'Plomberie',
  'Électricité',
  'Charpente',
  'Maçonnerie',
  'Librairie',
  'Fromagerie',
  'Hôtel',
  'Restaurant',
  'Cabinet',
  'Laboratoire',
  'Atelier',
  'Brasserie',
  'Pâtisserie',
  'Jardinerie',
  'Quincaillerie',
  'Ambulances',
  'Nettoyage',
  'Carrosserie',
  'Optique',
  'Traiteur',
  'Scierie',
  'Mécanique',
  'Chaudronnerie',
  'Emballages',
  'Couverture',
  'Peinture',
  'Informatique',
  'Paysages',
] as const;

export const LEGAL_FORMS = ['SARL', 'SAS', 'SAS', 'SARL', 'EURL', 'SASU', 'SA', 'SNC', 'SCOP'] as const;

// Feminine nouns, so that the adjectives below agree with them.
export const GROUP_WORDS = ['Compagnie', 'Société', 'Union'] as const;
export const GROUP_ADJECTIVES = ['Générale', 'Industrielle', 'Française', 'Européenne', 'Nationale'] as const;
export const GROUP_DOMAINS = [
  'Matériaux',
  'Distribution',
  'Logistique',
  'Équipements',
  'Services',
  'Travaux publics',
  'Énergie',
  'Restauration collective',
] as const;

export const FIRST_NAMES = [
  'Marie',
  'Jean',
  'Pierre',
  'Nathalie',
  'Isabelle',
  'Philippe',
  'Sylvie',
  'Catherine',
  'Nicolas',
  'Stéphane',
  'Sandrine',
  'Laurent',
  'Valérie',
  'Christophe',
  'Céline',
  'Julien',
  'Aurélie',
  'Sébastien',
  'Camille',
  'Hélène',
  'François',
  'Léa',
  'Thomas',
  'Émilie',
  'Olivier',
  'Manon',
  'Mathieu',
  'Chloé',
  'Karim',
  'Yasmina',
  'Antoine',
  'Inès',
] as const;

export const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefèvre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Henry',
  'Roussel',
  'Mathieu',
  'Masson',
  'Marchand',
  'Duval',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Meunier',
  'Brun',
  'Barbier',
  'Arnaud',
  'Giraud',
  'Rolland',
  'Benali',
] as const;

/** French cities: name, postal code, telephone area digit (01 Île-de-France … 05 south-west). */
export const FRENCH_CITIES: readonly (readonly [string, string, string])[] = [
  ['Paris', '75011', '01'],
  ['Paris', '75015', '01'],
  ['Boulogne-Billancourt', '92100', '01'],
  ['Montreuil', '93100', '01'],
  ['Versailles', '78000', '01'],
  ['Lyon', '69003', '04'],
  ['Lyon', '69007', '04'],
  ['Villeurbanne', '69100', '04'],
  ['Marseille', '13008', '04'],
  ['Aix-en-Provence', '13100', '04'],
  ['Nice', '06000', '04'],
  ['Montpellier', '34000', '04'],
  ['Grenoble', '38000', '04'],
  ['Saint-Étienne', '42000', '04'],
  ['Annecy', '74000', '04'],
  ['Toulouse', '31000', '05'],
  ['Bordeaux', '33000', '05'],
  ['Mérignac', '33700', '05'],
  ['Pau', '64000', '05'],
  ['Limoges', '87000', '05'],
  ['La Rochelle', '17000', '05'],
  ['Nantes', '44000', '02'],
  ['Rennes', '35000', '02'],
  ['Brest', '29200', '02'],
  ['Angers', '49000', '02'],
  ['Tours', '37000', '02'],
  ['Caen', '14000', '02'],
  ['Rouen', '76000', '02'],
  ['Orléans', '45000', '02'],
  ['Lille', '59000', '03'],
  ['Roubaix', '59100', '03'],
  ['Amiens', '80000', '03'],
  ['Reims', '51100', '03'],
  ['Metz', '57000', '03'],
  ['Nancy', '54000', '03'],
  ['Strasbourg', '67000', '03'],
  ['Mulhouse', '68100', '03'],
  ['Dijon', '21000', '03'],
  ['Besançon', '25000', '03'],
  ['Clermont-Ferrand', '63000', '04'],
];

export const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'boulevard Gambetta',
  'rue Victor Hugo',
  'place de la Mairie',
  'rue du Général de Gaulle',
  'chemin des Vignes',
  'allée des Tilleuls',
  'rue Pasteur',
  'ZI des Plaines',
  'route de Lyon',
  'rue de la Gare',
  'impasse des Lilas',
  'quai des Chartrons',
  'avenue de la Libération',
  'rue des Artisans',
  "ZA de l'Europe",
  'rue Émile Zola',
] as const;

/** Public bodies, followed by "de <city>". */
export const PUBLIC_BODIES = [
  'Mairie',
  'Commune',
  'Centre hospitalier',
  'Communauté de communes',
  'Syndicat des eaux',
  'Université',
  'Office public de l’habitat',
  'Centre communal d’action sociale',
] as const;

export const PUBLIC_SCHOOLS = [
  'Lycée Victor Hugo',
  'Lycée Jules Ferry',
  'Collège Jean Moulin',
  'Lycée Marie Curie',
] as const;

/** Foreign customers: country code, currency, language, cities, name endings, family names. */
export interface ForeignCountry {
  country: string;
  currency: 'EUR' | 'USD';
  language: 'en' | 'de' | 'fr';
  phonePrefix: string;
  cities: readonly (readonly [string, string])[];
  streets: readonly string[];
  suffixes: readonly string[];
  trades: readonly string[];
  names: readonly string[];
  firstNames: readonly string[];
  functions: readonly string[];
}

const EN_NAMES = ['Smith', 'Johnson', 'Carter', 'Walker', 'Hughes', 'Bennett', 'Parker', 'Collins', 'Reed'];
const EN_FIRST = ['John', 'Emily', 'Michael', 'Sarah', 'David', 'Laura', 'James', 'Olivia'];
const EN_FUNCTIONS = ['Accounts Payable', 'Controller', 'CFO', 'Purchasing Manager'];
const DE_NAMES = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann'];

export const FOREIGN_COUNTRIES: readonly ForeignCountry[] = [
  {
    country: 'US',
    currency: 'USD',
    language: 'en',
    phonePrefix: '+1 ',
    cities: [
      ['New York, NY', '10001'],
      ['Chicago, IL', '60601'],
      ['Houston, TX', '77002'],
      ['Boston, MA', '02110'],
      ['San Francisco, CA', '94105'],
    ],
    streets: ['Fifth Avenue', 'Main Street', 'Market Street', 'Commerce Drive', 'Harbor Boulevard'],
    suffixes: ['Inc.', 'LLC', 'Corp.'],
    trades: ['Trading', 'Industries', 'Supply', 'Systems', 'Foods', 'Logistics'],
    names: EN_NAMES,
    firstNames: EN_FIRST,
    functions: EN_FUNCTIONS,
  },
  {
    country: 'DE',
    currency: 'EUR',
    language: 'de',
    phonePrefix: '+49 ',
    cities: [
      ['Hamburg', '20095'],
      ['München', '80331'],
      ['Köln', '50667'],
      ['Stuttgart', '70173'],
    ],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Industriestraße', 'Am Hafen'],
    suffixes: ['GmbH', 'AG', 'GmbH & Co. KG'],
    trades: ['Maschinenbau', 'Logistik', 'Handel', 'Bau', 'Technik'],
    names: DE_NAMES,
    firstNames: ['Klaus', 'Anna', 'Stefan', 'Julia', 'Andreas', 'Katrin'],
    functions: ['Buchhaltung', 'Kreditorenbuchhaltung', 'Geschäftsführer', 'Einkauf'],
  },
  {
    country: 'GB',
    currency: 'EUR',
    language: 'en',
    phonePrefix: '+44 ',
    cities: [
      ['London', 'EC1A 1BB'],
      ['Manchester', 'M1 1AE'],
      ['Bristol', 'BS1 4DJ'],
    ],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road'],
    suffixes: ['Ltd', 'plc'],
    trades: ['Trading', 'Engineering', 'Foods', 'Supplies'],
    names: EN_NAMES,
    firstNames: EN_FIRST,
    functions: EN_FUNCTIONS,
  },
  {
    country: 'BE',
    currency: 'EUR',
    language: 'fr',
    phonePrefix: '+32 ',
    cities: [
      ['Bruxelles', '1000'],
      ['Liège', '4000'],
      ['Namur', '5000'],
    ],
    streets: ['rue Neuve', 'avenue Louise', 'chaussée de Waterloo', 'rue de la Station'],
    suffixes: ['SRL', 'SA'],
    trades: ['Distribution', 'Transports', 'Menuiserie', 'Brasserie'],
    names: ['Peeters', 'Janssens', 'Maes', 'Dubois', 'Lambert', 'Dupont'],
    firstNames: ['Luc', 'Sophie', 'Marc', 'Anne', 'Koen', 'Els'],
    functions: ['Comptable', 'Directeur financier', 'Acheteur'],
  },
];

export const SALES_REPS = [
  'Claire Moreau',
  'Julien Lefèvre',
  'Sophie Garnier',
  'Thomas Rousseau',
  'Nadia Benali',
  'Marc Dubreuil',
] as const;

export const COLLECTORS = ['Isabelle Roche', 'Karim Haddad', 'Émilie Vasseur'] as const;

export const CONTACT_FUNCTIONS = [
  'Comptable',
  'Responsable comptable',
  'DAF',
  'Gérance',
  'Secrétariat de direction',
  'Responsable achats',
  'Comptabilité fournisseurs',
  'Trésorerie',
] as const;

export const EMAIL_BOXES = ['compta', 'comptabilite', 'factures', 'contact', 'fournisseurs'] as const;
