//! The words of the "about this copy" page, in French and in English. `{…}`
//! marks are filled in by `about::render`; every value put there is escaped.

pub struct Words {
    /// The page's `lang`.
    pub lang: &'static str,
    pub back: &'static str,
    pub heading: &'static str,
    /// `{title}`: the handbook's title.
    pub intro: &'static str,
    pub edition: &'static str,
    pub content_date: &'static str,
    pub distribution: &'static str,
    pub language: &'static str,
    pub folder: &'static str,
    pub files: &'static str,
    /// `{count}`, `{sums}`.
    pub files_cell: &'static str,
    pub signature: &'static str,
    /// `{sig}`, `{key}`.
    pub signed: &'static str,
    pub unsigned: &'static str,
    pub months: [&'static str; 12],
    /// The first of the month: "1er" in French.
    pub first_day: &'static str,
    /// Meanings of CLEAR, GREEN, AMBER, AMBER+STRICT, RED.
    pub tlp: [&'static str; 5],
    pub why_verify: &'static str,
    /// `{folder}`, `{pub}`.
    pub with_planblanc: &'static str,
    /// `{folder}`, `{sums}`.
    pub with_tools: &'static str,
    /// `{sums}`, `{pub}`, `{comment}`.
    pub with_minisign: &'static str,
    /// `{pub}`, `{source}` (`colon` and where, or nothing), `{key}`.
    pub about_key: &'static str,
    /// The name the page gives the public key file.
    pub pubkey_file: &'static str,
    /// Before the place the key comes from: " : " in French.
    pub colon: &'static str,
    /// Names of the handbook languages planblanc has words for (`fr`, `en`).
    pub language_names: [(&'static str, &'static str); 2],
}

impl Words {
    /// `language` as a reader names it, with its tag: "français (fr)"; a tag
    /// with no name here stays as written.
    pub fn language_name(&self, language: &str) -> Option<&'static str> {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        (self.language_names.iter())
            .find(|(tag, _)| tag.eq_ignore_ascii_case(primary))
            .map(|(_, name)| *name)
    }
}

/// English for `en…` handbooks, French for every other language.
pub fn for_language(language: &str) -> &'static Words {
    let lower = language.to_ascii_lowercase();
    if lower == "en" || lower.starts_with("en-") {
        &EN
    } else {
        &FR
    }
}

pub const FR: Words = Words {
    lang: "fr",
    back: "← Retour au manuel (index.html)",
    heading: "À propos de cette copie",
    intro: "Copie hors ligne de <strong>{title}</strong>, à ouvrir sans réseau\u{a0}: \
            ouvrez <code>index.html</code> dans un navigateur.",
    edition: "Édition",
    content_date: "Date du contenu",
    distribution: "Diffusion",
    language: "Langue du manuel",
    folder: "Dossier",
    files: "Fichiers",
    files_cell:
        "{count} fichiers, chacun listé avec son empreinte SHA-256 dans <code>{sums}</code>",
    signature: "Signature",
    signed: "Signée\u{a0}: <code>{sig}</code>, clé minisign <code>{key}</code>",
    unsigned: "<strong>Non signée</strong>\u{a0}: l'intégrité peut être contrôlée, pas l'origine",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    first_day: "1er",
    tlp: [
        "diffusion libre",
        "diffusion limitée à la communauté, ne pas publier",
        "diffusion limitée à l'organisation et à ses prestataires, selon le besoin d'en connaître",
        "diffusion limitée à l'organisation seule",
        "réservé aux destinataires nommés",
    ],
    why_verify: "<div class=\"alert\">\n<h2>Pourquoi vérifier cette copie\u{a0}?</h2>\n\
<p>Une copie modifiée peut indiquer un faux numéro d'urgence ou un faux «\u{a0}CERT\u{a0}». \
Avant de vous y fier en situation de crise, vérifiez qu'elle est intacte et qu'elle \
vient bien de son éditeur.</p>\n<p><strong>Si la vérification échoue\u{a0}:</strong> \
n'utilisez pas les contacts de cette copie, prévenez votre RSSI ou votre cellule de \
crise et procurez-vous une copie sûre.</p>\n</div>\n",
    with_planblanc: "<h2>Vérifier avec planblanc</h2>\n\
<pre><code>planblanc verify {folder} --pubkey {pub}</code></pre>\n\
<p>Le chemin peut être ce dossier décompressé ou l'archive <code>.zip</code> \
elle-même. planblanc signale les fichiers modifiés, manquants <em>et ajoutés</em> \
(ceux que Windows ou macOS ajoutent d'eux-mêmes, comme <code>Thumbs.db</code> ou \
<code>.DS_Store</code>, sont listés à part, sans faire échouer la vérification), \
et vérifie la signature.</p>\n",
    with_tools: "<h2>Vérifier avec les outils standard</h2>\n\
<p>Sans planblanc, depuis un terminal ouvert dans ce dossier \
(<code>cd {folder}</code>)\u{a0}:</p>\n<ol>\n\
<li><p>Intégrité des fichiers (coreutils)\u{a0}:</p>\n\
<pre><code>sha256sum -c {sums}</code></pre>\n\
<p>Chaque ligne doit se terminer par «\u{a0}OK\u{a0}» (ou «\u{a0}Réussi\u{a0}»). \
Attention\u{a0}: cette commande ne signale pas les fichiers <em>ajoutés</em>.</p></li>\n\
<li><p>Sous Windows, la même vérification avec PowerShell (rien ne s'affiche si \
tout est intact, sinon chaque fichier en échec)\u{a0}:</p>\n\
<pre><code>Get-Content {sums} | ForEach-Object { $h, $f = $_ -split '  ', 2; \
if ((Get-FileHash -LiteralPath $f).Hash -ne $h) { \"ÉCHEC : $f\" } }</code></pre></li>\n",
    with_minisign: "<li><p>Authenticité de la liste (minisign)\u{a0}:</p>\n\
<pre><code>minisign -Vm {sums} -p {pub}</code></pre>\n\
<p>Doit afficher «\u{a0}Signature and comment signature verified\u{a0}» puis ce \
commentaire de confiance\u{a0}:</p>\n<pre><code>Trusted comment: {comment}</code></pre></li>\n",
    about_key: "<h2>La clé publique <code>{pub}</code></h2>\n\
<p>Elle n'est volontairement <strong>pas</strong> dans cette copie\u{a0}: \
quiconque modifie la copie pourrait aussi remplacer une clé qui s'y trouverait. \
Procurez-vous-la par un canal officiel{source}, et vérifiez que son identifiant \
est <code>{key}</code>.</p>\n",
    pubkey_file: "cle.pub",
    colon: "\u{a0}: ",
    language_names: [("fr", "français"), ("en", "anglais")],
};

pub const EN: Words = Words {
    lang: "en",
    back: "← Back to the handbook (index.html)",
    heading: "About this copy",
    intro: "Offline copy of <strong>{title}</strong>, to read with no network: \
            open <code>index.html</code> in a browser.",
    edition: "Edition",
    content_date: "Content date",
    distribution: "Distribution",
    language: "Handbook language",
    folder: "Folder",
    files: "Files",
    files_cell: "{count} files, each listed with its SHA-256 digest in <code>{sums}</code>",
    signature: "Signature",
    signed: "Signed: <code>{sig}</code>, minisign key <code>{key}</code>",
    unsigned: "<strong>Not signed</strong>: integrity can be checked, origin cannot",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    first_day: "1",
    tlp: [
        "disclosure is not limited",
        "limited to the community, do not publish",
        "limited to the organisation and its clients, on a need-to-know basis",
        "limited to the organisation only",
        "for the named recipients only",
    ],
    why_verify: "<div class=\"alert\">\n<h2>Why verify this copy?</h2>\n\
<p>A tampered copy can give a fake emergency number or a fake “CERT”. \
Before relying on it in a crisis, check that it is intact and that it comes from \
its publisher.</p>\n<p><strong>If verification fails:</strong> do not use the \
contacts in this copy, alert your CISO or your crisis cell, and get a safe copy.</p>\n</div>\n",
    with_planblanc: "<h2>Verify with planblanc</h2>\n\
<pre><code>planblanc verify {folder} --pubkey {pub}</code></pre>\n\
<p>The path may be this unzipped folder or the <code>.zip</code> archive itself. \
planblanc reports modified, missing <em>and added</em> files (those Windows or \
macOS add on their own, such as <code>Thumbs.db</code> or <code>.DS_Store</code>, are \
listed apart and do not fail the check), and checks the signature.</p>\n",
    with_tools: "<h2>Verify with standard tools</h2>\n\
<p>Without planblanc, from a terminal opened in this folder \
(<code>cd {folder}</code>):</p>\n<ol>\n\
<li><p>Integrity of the files (coreutils):</p>\n\
<pre><code>sha256sum -c {sums}</code></pre>\n\
<p>Every line must end with “OK”. Beware: this command does not report \
<em>added</em> files.</p></li>\n\
<li><p>On Windows, the same check with PowerShell (nothing shows when all is \
intact, otherwise each failing file):</p>\n\
<pre><code>Get-Content {sums} | ForEach-Object { $h, $f = $_ -split '  ', 2; \
if ((Get-FileHash -LiteralPath $f).Hash -ne $h) { \"FAILED: $f\" } }</code></pre></li>\n",
    with_minisign: "<li><p>Authenticity of the list (minisign):</p>\n\
<pre><code>minisign -Vm {sums} -p {pub}</code></pre>\n\
<p>Must print “Signature and comment signature verified”, then this trusted \
comment:</p>\n<pre><code>Trusted comment: {comment}</code></pre></li>\n",
    about_key: "<h2>The public key <code>{pub}</code></h2>\n\
<p>It is deliberately <strong>not</strong> in this copy: whoever tampers with the \
copy could also replace a key found in it. Get it through an official \
channel{source}, and check that its identifier is <code>{key}</code>.</p>\n",
    pubkey_file: "key.pub",
    colon: ": ",
    language_names: [("fr", "French"), ("en", "English")],
};
