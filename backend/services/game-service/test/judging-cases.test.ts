import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIMILARITY_THRESHOLD,
  judgeAnswer,
  type VerdictReason,
} from '../src/domain/answer-matching.js';

/** [given, accepted answer, expected reason]: the clear-cut cases the judge must get right. */
type Case = readonly [given: string, answer: string, reason: VerdictReason];

function expectJudged([given, answer, reason]: Case, alternatives: readonly string[] = []): void {
  const verdict = judgeAnswer(
    given,
    { answer, alternatives },
    { similarityThreshold: DEFAULT_SIMILARITY_THRESHOLD },
  );
  expect(verdict.reason).toBe(reason);
  expect(verdict.correct).toBe(reason !== 'wrong');
}

describe('the same answer written differently', () => {
  it.each<Case>([
    ['Paris', 'Paris', 'exact'],
    ['  Paris  ', 'Paris', 'exact'],
    ['paris', 'Paris', 'normalized'],
    [' PARIS ', 'Paris', 'normalized'],
    ['Pàris', 'Paris', 'normalized'],
    ['beyonce', 'Beyoncé', 'normalized'],
    ['Sao Paulo', 'São Paulo', 'normalized'],
    ['Lodz', 'Łódź', 'normalized'],
    ['LODZ', 'Łódź', 'normalized'],
    ['Strasse', 'Straße', 'normalized'],
    ['STRASSE', 'Straße', 'normalized'],
    ['Aesop', 'Æsop', 'normalized'],
    ['oeuvre', 'Œuvre', 'normalized'],
    ['Oresund', 'Øresund', 'normalized'],
    ['Thor', 'Þór', 'normalized'],
    ['Dokovic', 'Đoković', 'normalized'],
    ['Istanbul', 'İstanbul', 'normalized'],
    ['ıstanbul', 'Istanbul', 'normalized'],
    ['fish', 'ﬁsh', 'normalized'],
    ['ABC', 'ＡＢＣ', 'normalized'],
    ['Paris.', 'Paris', 'normalized'],
    ['"Paris"!', 'Paris', 'normalized'],
    ['Guns N Roses', "Guns N' Roses", 'normalized'],
    ['St Louis', 'St. Louis', 'normalized'],
    ['New   York', 'New York', 'normalized'],
    ['New\tYork\n', 'New York', 'normalized'],
    ['New\u00a0York', 'New York', 'normalized'],
    ['beatles', 'The Beatles', 'normalized'],
    ['The Beatles', 'Beatles', 'normalized'],
    ['a beatles', 'The Beatles', 'normalized'],
    ['Tribe Called Quest', 'A Tribe Called Quest', 'normalized'],
    ['an apple', 'Apple', 'normalized'],
    ['simon and garfunkel', 'Simon & Garfunkel', 'normalized'],
    ['Simon & Garfunkel', 'Simon and Garfunkel', 'normalized'],
    ['Paris 🇫🇷', 'Paris', 'normalized'],
    ['a', 'A', 'normalized'],
  ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
});

describe('typos forgiven in long ordinary words', () => {
  it.each<Case>([
    ['Beatels', 'The Beatles', 'typo'],
    ['the beatels', 'The Beatles', 'typo'],
    ['Mississipi', 'Mississippi', 'typo'],
    ['Missisippi', 'Mississippi', 'typo'],
    ['Amsterdm', 'Amsterdam', 'typo'],
    ['Einstien', 'Einstein', 'typo'],
    ['Napolean', 'Napoleon', 'typo'],
    ['Shakespear', 'Shakespeare', 'typo'],
    ['Tchaikovksy', 'Tchaikovsky', 'typo'],
    ['Michaelangelo', 'Michelangelo', 'typo'],
    ['Copenhagan', 'Copenhagen', 'typo'],
    ['Leonrado da Vinci', 'Leonardo da Vinci', 'typo'],
    ['Leonrado da Vinic', 'Leonardo da Vinci', 'typo'],
    ['Novak Djokovic', 'Novak Đoković', 'typo'],
    ['photosynthasis', 'Photosynthesis', 'typo'],
  ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
});

describe('slips refused in short words and beyond the threshold', () => {
  it.each<Case>([
    ['Pariss', 'Paris', 'wrong'],
    ['House', 'Mouse', 'wrong'],
    ['Slot', 'Sloth', 'wrong'],
    ['car', 'cat', 'wrong'],
    ['Berlim', 'Berlin', 'wrong'],
    ['Madird', 'Madrid', 'wrong'],
    ['Amstrdm', 'Amsterdam', 'wrong'],
    ['carbon monoxide', 'Carbon dioxide', 'wrong'],
  ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
});

describe('joined and split words', () => {
  it.each<Case>([
    ['Spiderman', 'Spider-Man', 'normalized'],
    ['Spider Man', 'Spider-Man', 'normalized'],
    ['spider-man', 'Spiderman', 'normalized'],
    ['Pacman', 'Pac-Man', 'normalized'],
    ['Pac Man', 'Pacman', 'normalized'],
    ['The Amazing Spiderman', 'The Amazing Spider-Man', 'normalized'],
    ['email', 'e-mail', 'normalized'],
    ['ACDC', 'AC/DC', 'normalized'],
    ['USA', 'U.S.A.', 'normalized'],
    ['B52', 'B-52', 'normalized'],
    ['Catch22', 'Catch-22', 'normalized'],
    ['R2D2', 'R2-D2', 'normalized'],
    ['Aha', 'A-ha', 'normalized'],
    ['Spidermann', 'Spider-Man', 'typo'],
    ['1 000', '1000', 'wrong'],
    ['1000', '1 000', 'wrong'],
    ['3 14', '314', 'wrong'],
  ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
});

describe('numbers written differently', () => {
  it.each<Case>([
    ['1000', '1,000', 'normalized'],
    ['1,000', '1000', 'normalized'],
    ['1000000', '1,000,000', 'normalized'],
    ['1,000,000', '1.000.000', 'normalized'],
    ['1234.5', '1,234.5', 'normalized'],
    ['1234.5', '1.234,5', 'normalized'],
    ['3,14', '3.14', 'normalized'],
    ['3', '3.0', 'normalized'],
    ['2.5', '2.50', 'normalized'],
    ['0.5', '.5', 'normalized'],
    ['-40', '−40', 'normalized'],
    ['−40', '-40', 'normalized'],
    ['-40 °C', '-40°C', 'normalized'],
    ['+40', '40', 'normalized'],
    ['0', '-0', 'normalized'],
    ['１０００', '1000', 'normalized'],
    ['100 m', '100m', 'normalized'],
    ['seven', '7', 'normalized'],
    ['7 Samurai', 'Seven Samurai', 'normalized'],
    ['1st', 'first', 'normalized'],
    ['2nd World War', 'Second World War', 'normalized'],
    ['World War 2', 'World War II', 'normalized'],
    ['World War 1', 'World War I', 'normalized'],
    ['Henry 8', 'Henry VIII', 'normalized'],
  ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
});

describe('near misses', () => {
  describe('countries a letter or two apart', () => {
    it.each<Case>([
      ['Austria', 'Australia', 'wrong'],
      ['Australia', 'Austria', 'wrong'],
      ['Iran', 'Iraq', 'wrong'],
      ['Iraq', 'Iran', 'wrong'],
      ['Niger', 'Nigeria', 'wrong'],
      ['Nigeria', 'Niger', 'wrong'],
      ['Guinea', 'Ghana', 'wrong'],
      ['Slovakia', 'Slovenia', 'wrong'],
      ['Slovenia', 'Slovakia', 'wrong'],
      ['Gambia', 'Zambia', 'wrong'],
      ['Mali', 'Malawi', 'wrong'],
    ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
  });

  describe('numbered sequels, models and types', () => {
    it.each<Case>([
      ['Rocky II', 'Rocky III', 'wrong'],
      ['Rocky III', 'Rocky II', 'wrong'],
      ['Rocky IV', 'Rocky V', 'wrong'],
      ['Rocky 2', 'Rocky III', 'wrong'],
      ['Apollo 13', 'Apollo 11', 'wrong'],
      ['Catch-23', 'Catch-22', 'wrong'],
      ['Catch 23', 'Catch-22', 'wrong'],
      ['Boeing 737', 'Boeing 747', 'wrong'],
      ['Type 2 diabetes', 'Type 1 diabetes', 'wrong'],
      ['Formula 2', 'Formula 1', 'wrong'],
      ['Star Wars Episode VI', 'Star Wars Episode IV', 'wrong'],
      ['MP4', 'MP3', 'wrong'],
      ['R2D3', 'R2-D2', 'wrong'],
      ['COVID20', 'COVID19', 'wrong'],
    ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
  });

  describe('regnal numbers', () => {
    it.each<Case>([
      ['Henry VII', 'Henry VIII', 'wrong'],
      ['Henry VIII', 'Henry VII', 'wrong'],
      ['Henry VIIII', 'Henry VIII', 'wrong'],
      ['Louis XVI', 'Louis XIV', 'wrong'],
      ['Louis XIV', 'Louis XVI', 'wrong'],
    ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
  });

  describe('letters', () => {
    it.each<Case>([
      ['Vitamin A', 'Vitamin C', 'wrong'],
      ['Vitamin D', 'Vitamin B', 'wrong'],
      ['Vitamin B6', 'Vitamin B12', 'wrong'],
      ['Plan A', 'Plan B', 'wrong'],
    ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
  });

  describe('signs, decimals and long numbers', () => {
    it.each<Case>([
      ['40', '-40', 'wrong'],
      ['-40', '40', 'wrong'],
      ['3.14', '314', 'wrong'],
      ['314', '3.14', 'wrong'],
      ['3.14', '3.15', 'wrong'],
      ['1.5', '15', 'wrong'],
      ['1968', '1969', 'wrong'],
      ['12345', '12346', 'wrong'],
      ['1000000', '1000001', 'wrong'],
      ['7', '007', 'wrong'],
    ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
  });

  describe('ordinals', () => {
    it.each<Case>([
      ['21st', '22nd', 'wrong'],
      ['1st', '1', 'wrong'],
      ['second', 'first', 'wrong'],
    ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
  });

  describe('other words and word counts', () => {
    it.each<Case>([
      ['London', 'Paris', 'wrong'],
      ['Parish Council', 'Paris', 'wrong'],
      ['Vinci', 'Leonardo da Vinci', 'wrong'],
      ['Mt Everest', 'Mount Everest', 'wrong'],
      ['the', 'The Beatles', 'wrong'],
    ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
  });
});

describe('alternatives', () => {
  const everest = ['Everest', 'Sagarmatha', 'Chomolungma'];

  it.each<Case>([
    ['Mount Everest', 'Mount Everest', 'exact'],
    ['mount everest', 'Mount Everest', 'normalized'],
    ['Everest', 'Mount Everest', 'alternative'],
    ['everest', 'Mount Everest', 'alternative'],
    ['Sagarmatha', 'Mount Everest', 'alternative'],
    ['Chomolunga', 'Mount Everest', 'typo'],
    ['Mt Everest', 'Mount Everest', 'wrong'],
    ['K2', 'Mount Everest', 'wrong'],
  ])('%j for %j or its alternatives: %s', (...testCase) => expectJudged(testCase, everest));
});

describe('edge cases', () => {
  it.each<Case>([
    ['', 'Paris', 'wrong'],
    ['   ', 'Paris', 'wrong'],
    ['!!!', 'Paris', 'wrong'],
    ['?!', '?!', 'wrong'],
    ['🍎', 'Paris', 'wrong'],
    ['🍎', '🍎', 'wrong'],
    ['Москва', 'москва', 'normalized'],
    ['МОСКВА', 'Москва', 'normalized'],
    ['Moskva', 'Москва', 'wrong'],
    ['Москва', 'Moskva', 'wrong'],
    ['\u0420aris', 'Paris', 'wrong'], // a Cyrillic Р
    ['\u0410msterdam', 'Amsterdam', 'wrong'], // a Cyrillic А, not a typo
    ['Αθήνα', 'ΑΘΗΝΑ', 'normalized'],
    ['οδος', 'ΟΔΟΣ', 'normalized'],
    ['東京', '東京', 'exact'],
    ['東京都', '東京', 'wrong'],
    ['京都', '東京', 'wrong'],
    ['서울', '서울', 'exact'],
    ['VIII', 'Ⅷ', 'normalized'],
  ])('%j for %j: %s', (...testCase) => expectJudged(testCase));
});
