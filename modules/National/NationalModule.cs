using CampaignEngine.Core.Modules;

namespace CampaignEngine.Modules.National;

/// <summary>Russia, Kazakhstan and Ukraine host migrants from every region: national appeals go there.</summary>
public sealed class NationalModule : ICampaignModule
{
    public ModuleManifest Manifest { get; } = new(
        Id: "national",
        Name: new("Жалпы улуттук", "Общенациональный", "National"),
        Regions: ["KG-Y", "KG-N", "KG-T", "KG-B", "KG-J", "KG-O", "KG-C", "KG-GB", "KG-GO"],
        Countries: ["RU", "KZ", "UA"],
        Languages: ["ky", "ru", "en"],
        Issuer: new(
            Name: new("Кыргыз Республикасынын Мамлекеттик миграция кызматы",
                "Государственная служба миграции Кыргызской Республики",
                "State Migration Service of the Kyrgyz Republic"),
            SignatoryTitle: new("Директор", "Директор", "Director"),
            SignatoryName: "К. Б. Абдыкадыров",
            SerialPrefix: "KG"),
        Templates: ["appeal", "reminder", "thank-you", "certificate"],
        Sectors: ["emergency_preparedness", "education_and_science", "ict", "charity_projects"],
        Scope: ModuleScope.National);
}
