namespace CampaignEngine.Core.Reference;

/// <summary>A Kyrgyz oblast or city of republican significance (ISO 3166-2:KG).</summary>
public sealed record Region(string Code, string Id, LocalizedText Name);

/// <summary>The nine first-level divisions of Kyrgyzstan.</summary>
public static class Regions
{
    /// <summary>Every region, oblasts first, then the two cities.</summary>
    public static readonly IReadOnlyList<Region> All =
    [
        new("KG-Y", "issyk-kul", new("Ысык-Көл облусу", "Иссык-Кульская область", "Issyk-Kul Region")),
        new("KG-N", "naryn", new("Нарын облусу", "Нарынская область", "Naryn Region")),
        new("KG-T", "talas", new("Талас облусу", "Таласская область", "Talas Region")),
        new("KG-B", "batken", new("Баткен облусу", "Баткенская область", "Batken Region")),
        new("KG-J", "jalal-abad", new("Жалал-Абад облусу", "Джалал-Абадская область", "Jalal-Abad Region")),
        new("KG-O", "osh", new("Ош облусу", "Ошская область", "Osh Region")),
        new("KG-C", "chui", new("Чүй облусу", "Чуйская область", "Chui Region")),
        new("KG-GB", "bishkek", new("Бишкек шаары", "г. Бишкек", "Bishkek")),
        new("KG-GO", "osh-city", new("Ош шаары", "г. Ош", "Osh (city)")),
    ];

    /// <summary>
    /// Resolves an ISO code (KG-Y) or an id (issyk-kul), case-insensitively; null when unknown.
    /// </summary>
    public static Region? Find(string? codeOrId)
    {
        if (string.IsNullOrWhiteSpace(codeOrId)) return null;
        var key = codeOrId.Trim();
        return All.FirstOrDefault(r =>
            r.Code.Equals(key, StringComparison.OrdinalIgnoreCase) ||
            r.Id.Equals(key, StringComparison.OrdinalIgnoreCase));
    }
}
