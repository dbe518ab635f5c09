using System.Text;

namespace CampaignEngine.Web.Features.Demo;

/// <summary>
/// Kyrgyz names for the synthetic registry: surnames in -ов/-ова and -ев/-ева, some in the traditional
/// "father's name + уулу/кызы" form, and a Latin spelling for the second generation in Western countries.
/// </summary>
internal static class DemoNames
{
    private static readonly string[] Male =
    [
        "Азамат", "Бакыт", "Нурлан", "Эрлан", "Айбек", "Улан", "Эрмек", "Талант", "Мирлан", "Темирлан", "Бекзат",
        "Нурбек", "Өмүрбек", "Үсөн", "Төлөгөн", "Эркин", "Алмаз", "Кубанычбек", "Медер", "Чыңгыз", "Жаңыбек",
        "Асан", "Мелис", "Данияр", "Канат", "Тилек", "Адилет", "Бектур", "Самат", "Өмүр", "Жоомарт", "Нурсултан",
    ];

    private static readonly string[] Female =
    [
        "Айзада", "Гүлнара", "Жылдыз", "Айгүл", "Нургүл", "Чолпон", "Айпери", "Бермет", "Асел", "Динара", "Гүлзат",
        "Мээрим", "Анара", "Элнура", "Айжан", "Назгүл", "Бүбүсара", "Сезим", "Айнура", "Акмөөр", "Күнбүбү", "Мөлдүр",
        "Үмүт", "Каныкей", "Жаңыл", "Төрөкан", "Нуриза", "Айсулуу", "Гүлмира", "Аида",
    ];

    // Stems of surnames (from fathers' and grandfathers' names); the feminine form adds "а".
    private static readonly string[] SurnameStems =
    [
        "Асанов", "Осмонов", "Жумабаев", "Сыдыков", "Абдыкадыров", "Мамытов", "Токтосунов", "Кадыров", "Өмүрбеков",
        "Үсөнов", "Төлөгөнов", "Бекболотов", "Сатыбалдиев", "Эшимов", "Турдубаев", "Курманбеков", "Шабданов",
        "Акматов", "Бөкөнбаев", "Чыңгышев", "Жаңыбаев", "Көчкөнов", "Садыров", "Молдокматов", "Токтогулов",
        "Ибраимов", "Алымкулов", "Дүйшөнбиев", "Карыпбеков", "Нурматов", "Сүйүнбаев", "Орозбеков",
    ];

    private static readonly string[] Fathers =
    [
        "Бекболот", "Токтогул", "Асан", "Осмон", "Жумабай", "Сыдык", "Мамыт", "Үсөн", "Төлөгөн", "Курманбек",
        "Шабдан", "Акмат", "Эшим", "Дүйшөн", "Нурмат", "Орозбек",
    ];

    /// <summary>A full name "Given Surname" (or "Given Father уулу/кызы"), in Cyrillic or, when <paramref name="latin"/>, in Latin.</summary>
    public static string Next(Random random, string gender, bool latin)
    {
        var female = gender == "female" || (gender != "male" && random.Next(2) == 0);
        var given = Pick(random, female ? Female : Male);
        var name = random.NextDouble() < 0.15
            ? $"{given} {Pick(random, Fathers)} {(female ? "кызы" : "уулу")}"
            : $"{given} {Pick(random, SurnameStems)}{(female ? "а" : "")}";
        return latin ? ToLatin(name) : name;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    /// <summary>A plain ASCII transliteration (as in Kyrgyz passports' Latin fields: ң→ng, ө→o, ү→u, ж→zh).</summary>
    public static string ToLatin(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            var latin = lower switch
            {
                'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' => "e", 'ё' => "yo", 'ж' => "zh",
                'з' => "z", 'и' => "i", 'й' => "i", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'ң' => "ng",
                'о' => "o", 'ө' => "o", 'п' => "p", 'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u", 'ү' => "u",
                'ф' => "f", 'х' => "kh", 'ц' => "ts", 'ч' => "ch", 'ш' => "sh", 'щ' => "shch", 'ъ' => "", 'ы' => "y",
                'ь' => "", 'э' => "e", 'ю' => "yu", 'я' => "ya",
                _ => lower.ToString(),
            };
            result.Append(c != lower && latin.Length > 0 ? char.ToUpperInvariant(latin[0]) + latin[1..] : latin);
        }
        return result.ToString();
    }
}
