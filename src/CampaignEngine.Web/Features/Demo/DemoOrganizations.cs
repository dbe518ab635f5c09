namespace CampaignEngine.Web.Features.Demo;

/// <summary>A diaspora organisation of the demo, and who joins it: residents of its country (and city), natives of a region.</summary>
internal sealed record DemoOrganization(string Name, string Country, string? City, string Kind, string? MemberRegion, double Share);

/// <summary>
/// Organisations named in the 2021 mapping, with names cleaned of the report's stray quotes. Companies,
/// one-off complaint groups and online content brands are left out: they do not have members to reach.
/// Listed most specific first: a person joins the first one that matches and accepts them.
/// </summary>
internal static class DemoOrganizations
{
    public const string NarynFund = "Фонд нарынского землячества";

    public static readonly IReadOnlyList<DemoOrganization> All =
    [
        new(NarynFund, "RU", "Moscow", "fund of the Naryn fellow-countrymen association", "KG-N", 0.7),
        new("«Мы – калининградцы»", "RU", "Krasnoyarsk", "community of migrants from the village of Kalinin (Kara-Kulja district)", "KG-O", 0.8),
        new("Международная ассоциация предпринимателей", "RU", "Moscow", "association of entrepreneurs", null, 0.04),
        new("Мост в Кыргызстан – Brücke nach Kirgisistan", "CH", "Lucerne", "Kyrgyz-Swiss diaspora organisation", null, 0.6),
        new("ХРОО НУК «Ордо»", "RU", "Abakan", "diaspora organisation of Khakassia", null, 0.4),
        new("Кыргызстан – Урал", "RU", "Yekaterinburg", "diaspora organisation", null, 0.35),
        new("Ростовская киргизская национально-культурная автономия", "RU", "Rostov-on-Don", "national-cultural autonomy", null, 0.5),
        new("Кыргыз Конгресс, Краснодарское региональное отделение", "RU", "Krasnodar", "regional branch of an all-Russian public organisation", null, 0.5),
        new("Кыргыз Конгресс", "RU", null, "all-Russian public organisation", null, 0.06),
        new("Kyrgyz Community Qatar", "QA", "Doha", "diaspora community", null, 0.5),
        new("Эдинбургское общество кыргызстанцев", "GB", "Edinburgh", "society of Kyrgyzstanis", null, 0.5),
        new("Kyrgyz Society in the UK", "GB", null, "society", null, 0.3),
        new("Кыргызско-немецкое культурное общество", "DE", null, "cultural society", null, 0.25),
        new("Kyrgyz-German IT Community", "DE", null, "professional (IT) community", null, 0.1),
        new("Кыргызская ассоциация в Альберте", "CA", "Calgary", "association, Alberta", null, 0.4),
        new("Кыргызстанцы в Канаде", "CA", null, "NGO", null, 0.3),
        new("Кыргызский общественный центр в Чикаго", "US", "Chicago", "community centre", null, 0.5),
        new("Kyrgyz in Belgium & Friends", "BE", null, "community", null, 0.4),
        new("Центрально-Азиатская ассоциация культуры и искусства", "KR", null, "association (culture and arts)", null, 0.2),
        new("Международная организация кыргызстанцев в Украине", "UA", null, "diaspora organisation", null, 0.3),
        new("Аграрная платформа Кыргызстана", "UA", null, "agrarian platform", null, 0.1),
    ];

    /// <summary>The organisation <paramref name="random"/> assigns this person to, if any.</summary>
    public static string? For(Random random, string country, string? city, string? homeRegion)
    {
        foreach (var organization in All)
        {
            if (organization.Country != country) continue;
            if (organization.City is not null && organization.City != city) continue;
            if (organization.MemberRegion is not null && organization.MemberRegion != homeRegion) continue;
            if (random.NextDouble() < organization.Share) return organization.Name;
        }
        return null;
    }
}
