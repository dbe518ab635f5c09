-- What readers see as a campaign's title, per language, apart from the officer's internal name: the internal name
-- (often English, often a working label) became the subject, heading and page title of Kyrgyz and Russian messages.
-- NULL means "not written in that language"; the reader then gets another language's title (see CampaignTitle).
ALTER TABLE campaign ADD COLUMN title_ky TEXT;
ALTER TABLE campaign ADD COLUMN title_ru TEXT;
ALTER TABLE campaign ADD COLUMN title_en TEXT;

-- System campaigns written before titles existed get the titles new ones are created with (SystemCampaignTitles).
UPDATE campaign SET title_ky = 'Салымыңыз үчүн ыраазычылык', title_ru = 'Благодарность за ваш вклад',
                    title_en = 'Thank you for your contribution'
WHERE purpose = 'certificate-delivery';
UPDATE campaign SET title_ky = 'Туулган жерге колдоо', title_ru = 'Поддержка родного края',
                    title_en = 'Support for your home region'
WHERE purpose = 'pledge-reminder';
