package io.chronoshadow.devstack.workload;

import java.time.LocalDate;
import java.util.List;

/** Word lists that make generated rows look like a shop rather than like test fixtures. */
final class ShopVocabulary {

  static final List<String> FIRST_NAMES =
      List.of(
          "Ada", "Alan", "Amara", "Bjorn", "Chen", "Chiara", "Dario", "Elena", "Farah", "Gustav",
          "Hana", "Ines", "Jonas", "Kenji", "Lena", "Malik", "Nadia", "Oskar", "Priya", "Quinn",
          "Rosa", "Sami", "Tomas", "Uma", "Viktor", "Wen", "Yara", "Zoe");

  static final List<String> LAST_NAMES =
      List.of(
          "Almeida",
          "Brandt",
          "Costa",
          "Dubois",
          "Eriksen",
          "Fischer",
          "Garcia",
          "Haddad",
          "Ivanova",
          "Jensen",
          "Kowalski",
          "Larsen",
          "Moreau",
          "Nakamura",
          "Okafor",
          "Petrov",
          "Rossi",
          "Schmidt",
          "Tanaka",
          "Usman",
          "Varga",
          "Weber",
          "Yilmaz",
          "Zhang");

  static final List<String> COUNTRIES =
      List.of("DE", "FR", "NL", "ES", "IT", "PL", "SE", "GB", "US", "JP", "BR", "IN");

  static final List<String> CATEGORIES =
      List.of("books", "garden", "kitchen", "music", "office", "outdoor", "tools", "toys");

  static final List<String> ADJECTIVES =
      List.of(
          "Compact",
          "Deluxe",
          "Eco",
          "Ergonomic",
          "Foldable",
          "Heavy-Duty",
          "Classic",
          "Smart",
          "Vintage",
          "Wireless",
          "Portable",
          "Premium");

  static final List<String> NOUNS =
      List.of(
          "Lamp",
          "Kettle",
          "Notebook",
          "Drill",
          "Planter",
          "Speaker",
          "Tent",
          "Puzzle",
          "Chair",
          "Backpack",
          "Knife Set",
          "Stapler",
          "Hammock",
          "Guitar Strings",
          "Board Game",
          "Atlas");

  static final List<String> PAYMENT_METHODS =
      List.of("card", "card", "card", "paypal", "bank_transfer", "gift_card");

  private ShopVocabulary() {}

  static <T> T pick(DeterministicRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  static String fullName(DeterministicRandom random) {
    return pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
  }

  static String email(String fullName, long customerId, String domain) {
    return fullName.toLowerCase(java.util.Locale.ROOT).replace(' ', '.')
        + "."
        + customerId
        + "@"
        + domain;
  }

  static LocalDate birthDate(DeterministicRandom random) {
    return LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
  }
}
