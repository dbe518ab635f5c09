namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// The people the browser tests work with: Issyk-Kul women in the module's countries (the journey's
/// audience, one of them unreachable), and people who must stay out of it — men, a woman in Russia
/// (not an Issyk-Kul target country) and a Naryn native in the UAE.
/// </summary>
internal static class TestDirectory
{
    public const string IssykKul = "KG-Y";
    public static readonly string[] IssykKulCountries = ["AE", "CN", "BE"];

    // First in the list, so first by id: the campaign preview in Kyrgyz is rendered for her.
    public static readonly SeedCompatriot Gulzat = new("Гүлзат Асанова", "female", IssykKul, "AE", "Asia/Dubai", "ky", "+971501234567", null, "whatsapp");

    public static readonly IReadOnlyList<SeedCompatriot> People =
    [
        Gulzat,
        new("Айгерим Токтосунова", "female", IssykKul, "CN", "Asia/Shanghai", "ru", "+8613800138000", null, "whatsapp"),
        new("Мээрим Осмонова", "female", IssykKul, "BE", "Europe/Brussels", "ky", null, "meerim.osmonova@example.org", "email"),
        new("Жибек Алиева", "female", IssykKul, "AE", "Asia/Dubai", "ky", "+971502345678", null, null),
        new("Бакыт Жумабеков", "male", IssykKul, "AE", "Asia/Dubai", "ky", "+971503456789", null, "whatsapp"),
        new("Нурлан Сыдыков", "male", IssykKul, "CN", "Asia/Shanghai", "ky", "+8613900139000", null, "whatsapp"),
        new("Асел Бекова", "female", IssykKul, "RU", "Europe/Moscow", "ky", "+79161234567", null, "whatsapp"),
        new("Чолпон Турдубаева", "female", "KG-N", "AE", "Asia/Dubai", "ky", "+971504567890", null, "whatsapp"),
    ];

    public static IEnumerable<SeedCompatriot> IssykKulAudience =>
        People.Where(p => p.HomeRegion == IssykKul && IssykKulCountries.Contains(p.Country));

    public static IEnumerable<SeedCompatriot> IssykKulWomen => IssykKulAudience.Where(p => p.Gender == "female");
}
