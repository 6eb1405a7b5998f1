"""Typed schema of the brand standard, formats, municipalities, meetings and campaigns."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from cimpskit.core.scene import CMYK

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HEX_PATTERN = r"^#[0-9A-Fa-f]{6}$"
HASHTAG_PATTERN = r"^#[^\W_][\w]*$"
IBGE_PATTERN = r"^[0-9]{7}$"
CNPJ_PATTERN = r"^[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-[0-9]{2}$"
"""A CNPJ as written on papers, 00.000.000/0000-00 (letters allowed in the first 12 places, as from July 2026)."""

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Hex = Annotated[str, StringConstraints(pattern=HEX_PATTERN)]
Hashtag = Annotated[str, StringConstraints(pattern=HASHTAG_PATTERN)]
Cnpj = Annotated[str, StringConstraints(pattern=CNPJ_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Percent = Annotated[float, Field(ge=0, le=100)]
ColourName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A palette colour's name (checked against brand/brand.yml, with the list of names on error)."""
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Node(BaseModel):
    """Base of every YAML object: frozen, unknown keys kept for a warning."""

    model_config = ConfigDict(extra="allow", frozen=True, use_attribute_docstrings=True)


class ContactKind(StrEnum):
    """Kinds of local service contact a campaign can show."""

    cras = "cras"
    creas = "creas"
    conselho_tutelar = "conselho-tutelar"
    cadastro_unico = "cadastro-unico"


CONTACT_LABELS = {
    ContactKind.cras: "CRAS",
    ContactKind.creas: "CREAS",
    ContactKind.conselho_tutelar: "Conselho Tutelar",
    ContactKind.cadastro_unico: "Cadastro Único",
}


class Feedback(Node):
    """Canal de sugestões e problemas do kit, mostrado no rodapé de cada página do site."""

    label: Text
    """Texto do link, como 'Sugestões e problemas do kit (GitHub)'."""
    url: Text
    """Endereço do canal: só um endereço real e conferido (nunca um e-mail inventado)."""
    email: Annotated[str, StringConstraints(strip_whitespace=True, pattern=EMAIL_PATTERN)] | None = None
    """E-mail da equipe do consórcio que recebe contatos confirmados e sugestões (só um endereço real e conferido);
    vazio: o site prepara o e-mail com assunto e texto e a pessoa escreve o destinatário."""


class Identity(Node):
    """Identidade do consórcio."""

    name: Text
    """Nome completo do consórcio."""
    short_name: Text
    """Sigla usada na assinatura."""
    signature: Text
    """Texto da assinatura tipográfica do consórcio."""
    site_url: Text = "https://cimps.github.io/kit/"
    """Endereço do site de diretrizes (o kit das equipes de comunicação)."""
    public_url: Text
    """Endereço das páginas para o cidadão, impresso nos QR codes; não muda quando o kit muda de lugar."""
    channel: Text
    """Canal do consórcio nas peças regionais, como o endereço do site oficial."""
    logo: Text | None = None
    """Arquivo PNG do logo do consórcio em brand/logos/ (vazio: assinatura tipográfica; nunca invente um logo)."""
    feedback: Feedback | None = None
    """Canal de sugestões e problemas do kit (rodapé do site); vazio: o site não mostra nenhum."""


class Colour(Node):
    """Uma cor da paleta, com valores para tela (hex) e impressão (CMYK)."""

    name: Slug
    """Nome da cor, usado pelas campanhas."""
    label: Text
    """Nome da cor para leitura humana."""
    role: Text
    """Para que a cor serve."""
    hex: Hex
    """Cor para telas, como #F28C28."""
    cmyk: Annotated[list[Percent], Field(min_length=4, max_length=4)]
    """Cor para impressão: C, M, Y, K de 0 a 100."""

    @property
    def ink(self) -> CMYK:
        """Return the print colour as a (C, M, Y, K) tuple."""
        c, m, y, k = self.cmyk
        return c, m, y, k


class TypeRole(Node):
    """Um papel tipográfico (título, texto, destaque)."""

    weight: Literal["regular", "bold"] = "regular"
    """Peso da fonte."""
    line_height: float = Field(1.2, ge=1.0, le=2.0)
    """Entrelinha, em múltiplos do tamanho da fonte."""


class MinimumSizes(Node):
    """Tamanhos mínimos de texto por meio."""

    screen_px: float = Field(24, gt=0)
    """Menor texto em peças de tela, em pixels (numa arte de 1080 px)."""
    print_pt: float = Field(9, gt=0)
    """Menor texto impresso, em pontos."""


class Typography(Node):
    """Tipografia da marca."""

    family: Text = "Atkinson Hyperlegible"
    """Família tipográfica (legível, pensada para baixa visão)."""
    package: Text = "fontpkg-atkinson-hyperlegible"
    """Pacote Python que instala os arquivos da fonte."""
    roles: dict[Literal["headline", "body", "highlight", "small"], TypeRole]
    """Papéis tipográficos e seus pesos."""
    minimum_sizes: MinimumSizes = MinimumSizes()
    """Tamanhos mínimos de texto."""
    keep_together: list[Text] = []
    """Expressões que nunca se quebram entre linhas (além dos nomes de municípios, serviços e canais)."""


class SignatureRules(Node):
    """Regras de assinatura conjunta (consórcio + município)."""

    order: list[Literal["consorcio", "municipio"]] = ["municipio", "consorcio"]
    """Ordem das assinaturas, da esquerda para a direita."""
    clear_space: float = Field(0.5, ge=0, le=2)
    """Área de proteção, em frações da altura da assinatura."""
    min_height_px: float = Field(48, gt=0)
    """Altura mínima da assinatura em peças de tela, em pixels."""
    min_height_mm: float = Field(10, gt=0)
    """Altura mínima da assinatura impressa, em milímetros."""
    separator: bool = True
    """Se há um fio separando as duas assinaturas."""
    background: ColourName = "branco"
    """Cor da faixa de assinaturas (nome da paleta)."""
    text: ColourName = "grafite"
    """Cor do texto na faixa de assinaturas (nome da paleta)."""
    consortium_lines: list[Text] = []
    """Nome do consórcio na assinatura, linha por linha (vazio: quebra automática)."""


class DraftMark(Node):
    """Faixa RASCUNHO das prévias de campanhas não aprovadas."""

    background: ColourName = "vermelho"
    """Cor da faixa (nome da paleta)."""
    text: ColourName = "branco"
    """Cor do texto da faixa (nome da paleta)."""
    alternate_background: ColourName = "grafite"
    """Cor da faixa nas campanhas cujo fundo tem a mesma cor da faixa (para a marca nunca sumir)."""
    alternate_text: ColourName = "branco"
    """Cor do texto da faixa alternativa."""


class Compliance(Node):
    """Regras de comunicação pública."""

    forbidden_terms: list[Text] = []
    """Termos de promoção pessoal proibidos nos textos (Constituição, art. 37 §1)."""


class PrintRules(Node):
    """Regras de impressão: condição de saída do PDF/X, preto de impressão e limite de tinta."""

    output_condition: Text = "FOGRA39"
    """Condição de impressão registrada (ICC), citada no PDF/X como OutputIntent."""
    output_condition_name: Text = "Coated FOGRA39 (ISO 12647-2:2004)"
    """Nome da condição de impressão, para a gráfica."""
    black_text_below_pt: float = Field(12, ge=6, le=36)
    """Texto menor que este tamanho (pt), numa cor de print_black, sai só com preto (100 % K)."""
    print_black: list[ColourName] = ["grafite"]
    """Cores escuras que, em texto pequeno, fios e QR code, são impressas só com preto (K), sem registro de 4 cores."""
    ink_limit: float = Field(300, ge=200, le=400)
    """Soma máxima de C + M + Y + K (%) de qualquer cor da paleta."""
    reversed_text_min_pt: float = Field(12, ge=6, le=36)
    """Texto vazado (mais claro que o fundo) sobre fundo de duas ou mais tintas: pelo menos este tamanho (pt), em
    negrito, para não borrar se as chapas saírem do registro."""


class ContactPolicy(Node):
    """Regras de confirmação dos contatos municipais."""

    reverify_months: int = Field(12, ge=1, le=60)
    """Meses depois dos quais um contato confirmado precisa ser confirmado de novo."""


class Production(Node):
    """Prazos de produção usados no calendário."""

    artwork_review_days: int = Field(5, ge=0, le=60)
    """Dias para revisar e aprovar a arte antes do pedido à gráfica."""
    delivery_buffer_days: int = Field(5, ge=0, le=60)
    """Dias de folga entre a entrega dos impressos e o início da campanha."""


class Delivery(Node):
    """Um endereço de entrega dos impressos, impresso na ficha técnica e no pedido à gráfica."""

    address: Text
    """Endereço completo: rua, número, bairro, cidade e CEP."""
    contact: Text | None = None
    """Quem recebe e como falar com essa pessoa (nome, setor, telefone ou e-mail); vazio: pendente."""
    hours: Text | None = None
    """Dias e horário de recebimento, como 'Segunda a sexta, das 8h às 16h'; vazio: pendente."""
    share: int = Field(100, ge=1, le=100)
    """Parte (%) de cada impresso entregue neste endereço; as partes dos endereços somam 100."""


class Party(Node):
    """Um órgão numa compra pública: nome e CNPJ (vazios enquanto não confirmados: nunca invente)."""

    name: Text | None = None
    """Nome do órgão, como na nota de empenho (Prefeitura, Fundo Municipal de Assistência Social, consórcio)."""
    cnpj: Cnpj | None = None
    """CNPJ no formato 00.000.000/0000-00, conferido pelos dígitos verificadores; vazio: pendente."""

    @property
    def complete(self) -> bool:
        """Tell whether both the name and the CNPJ are given."""
        return bool(self.name and self.cnpj)


class SiteColors(Node):
    """Cores do site de diretrizes."""

    primary: ColourName = "azul"
    """Cor principal do site (cabeçalho e links), pelo nome da paleta."""
    accent: ColourName = "laranja-escuro"
    """Cor de destaque do site, pelo nome da paleta."""


class Brand(Node):
    """Padrão de marca do consórcio (brand/brand.yml)."""

    identity: Identity
    """Identidade do consórcio."""
    palette: Annotated[list[Colour], Field(min_length=2)]
    """Paleta de cores."""
    typography: Typography
    """Tipografia."""
    signature: SignatureRules = SignatureRules()
    """Regras de assinatura."""
    compliance: Compliance = Compliance()
    """Regras de conformidade dos textos."""
    draft_mark: DraftMark = DraftMark()
    """Faixa RASCUNHO das prévias."""
    site: SiteColors = SiteColors()
    """Cores do site de diretrizes."""
    production: Production = Production()
    """Prazos de produção para o calendário."""
    buyer: Party = Party()
    """O consórcio como comprador dos impressos da versão regional e órgão gerenciador das atas (nome e CNPJ)."""
    delivery: list[Delivery] = []
    """Endereços de entrega dos impressos da versão regional (consórcio); vazio: a ficha técnica pede o cadastro."""
    contacts: ContactPolicy = ContactPolicy()
    """Regras de confirmação dos contatos municipais."""
    print: PrintRules = PrintRules()
    """Regras de impressão (PDF/X, preto de impressão, limite de tinta)."""
    manual: Manual | None = None
    """Exemplos de certo e errado do manual da marca, desenhados pelo gerador."""


class PrintSpec(Node):
    """Especificação de compra de um item impresso (item de ata)."""

    item: Text
    """Descrição do item na ata, como 'Cartaz couchê 150 g/m² 4x0 A3'."""
    paper: Text
    """Papel ou suporte."""
    colors: Annotated[str, StringConstraints(pattern=r"^[0-4]x[0-4]$")]
    """Cores frente x verso, como 4x0."""
    finishing: Text
    """Acabamento."""
    unit: Literal["unidade", "milheiro", "m²"] = "unidade"
    """Unidade de compra."""
    lead_time_days: int = Field(ge=1, le=120)
    """Prazo de produção em dias corridos, do pedido à entrega."""
    trim_bleed_copy: bool = False
    """true: gera também uma cópia sem marcas de corte (página = formato final + sangria), <peça>-sem-marcas.pdf."""
    method: Literal["offset", "digital", "grande-formato"]
    """Processo de impressão: offset (tiragens grandes), digital (tiragens curtas) ou grande-formato (lona)."""
    back: Literal["cabeca-com-cabeca", "cabeca-com-pe"] | None = None
    """Impressos de frente e verso: o verso na mesma orientação (cabeca-com-cabeca) ou de ponta-cabeça."""
    hanging: Hanging | None = None
    """Acabamento para pendurar (banner): bolsas, bastões e cordão, com medidas, desenhado na ficha técnica."""
    packing: Text | None = None
    """Como embalar cada item, como 'Pacotes de 100 unidades embrulhados em papel kraft'."""


class Hanging(Node):
    """Acabamento de banner: bolsas dobradas em cima e embaixo, um bastão em cada bolsa e um cordão no de cima."""

    pocket: float = Field(gt=0, le=100)
    """Altura da bolsa (mm), dobrada para trás dentro do formato final: fica na margem de segurança, sem texto."""
    stick: Text
    """O bastão, como 'Bastão de madeira roliço, 15 mm de diâmetro'."""
    stick_length: float = Field(gt=0)
    """Comprimento de cada bastão (mm), maior que a largura para amarrar o cordão."""
    cord: Text
    """O cordão, como 'Cordão de algodão amarrado nas pontas do bastão de cima'."""
    cord_length: float = Field(gt=0)
    """Comprimento do cordão (mm)."""


BlockName = Literal[
    "kicker", "visual", "headline", "key_line", "body", "hero", "note", "contacts", "qr", "sticker", "signature"
]
BLOCKS: tuple[BlockName, ...] = get_args(BlockName)
DEFAULT_BLOCKS: tuple[BlockName, ...] = (
    "kicker", "visual", "headline", "key_line", "body", "hero", "note", "contacts", "qr", "signature"
)  # fmt: skip


class PlatformZone(Node):
    """Margens que a plataforma cobre (barras do story, recorte da grade do perfil), na unidade do formato."""

    top: float = Field(0, ge=0)
    """Faixa de cima sem texto."""
    bottom: float = Field(0, ge=0)
    """Faixa de baixo sem texto."""
    left: float = Field(0, ge=0)
    """Faixa da esquerda sem texto."""
    right: float = Field(0, ge=0)
    """Faixa da direita sem texto."""
    circle: bool = False
    """true: a plataforma mostra a imagem recortada num círculo (foto de perfil); o texto fica dentro dele."""
    covers_signature: bool = True
    """false: a barra de assinaturas pode entrar nas faixas laterais (um recorte da miniatura, onde ninguém a lê)."""
    reason: Text
    """Por que a faixa existe (aparece nas mensagens de erro)."""


class Format(Node):
    """Um formato do catálogo."""

    name: Slug
    """Nome do formato, usado pelas campanhas."""
    label: Text
    """Nome do formato para leitura humana."""
    site_label: Text | None = None
    """Nome da peça no site, nas palavras de quem vai usar, como 'Post para Instagram e Facebook' (padrão: label)."""
    medium: Literal["screen", "print"]
    """Meio: tela ou impressão."""
    unit: Literal["px", "mm"]
    """Unidade das medidas: px para tela, mm para impressão."""
    width: float = Field(gt=0)
    """Largura final (sem sangria)."""
    height: float = Field(gt=0)
    """Altura final (sem sangria)."""
    dpi: int | None = Field(None, ge=72, le=1200)
    """Resolução de imagens para impressão."""
    bleed: float = Field(0, ge=0, le=20)
    """Sangria em mm (3 mm; 5 mm em grandes formatos)."""
    safe_margin: float = Field(gt=0)
    """Margem de segurança, na unidade do formato."""
    min_text: float = Field(gt=0)
    """Menor texto permitido: px em tela, pt em impressão."""
    sides: Literal[1, 2] = 1
    """Número de faces (2 para frente e verso)."""
    blocks: list[BlockName] = list(DEFAULT_BLOCKS)
    """Blocos da peça: kicker (a marca da campanha), visual, headline, key_line (frase-chave), body, hero (chamada e
    canal), note (observação do canal), contacts, qr, sticker (espaço livre para o adesivo de link do story) e
    signature."""
    reading_distance: float | None = Field(None, gt=0, le=50)
    """Distância de leitura em metros (banner: 5): o canal e os contatos ganham letras de pelo menos 1/300 dela
    de altura, e a peça mostra no máximo 12 palavras além do canal, dos contatos e das assinaturas."""
    platform_zone: PlatformZone | None = None
    """Faixas da tela cobertas pela plataforma (story, grade do perfil), onde não pode haver texto."""
    print: PrintSpec | None = None
    """Especificação de compra (só para impressos)."""

    def spec(self) -> PrintSpec:
        """Return the purchase spec of a print format (asking a screen format for it is a bug)."""
        if self.print is None:
            raise ValueError(f"{self.name} is not a print format: it has no purchase spec")
        return self.print

    def hanging(self) -> Hanging:
        """Return the hanging finish of a banner (asking another format for it is a bug)."""
        hanging = self.spec().hanging
        if hanging is None:
            raise ValueError(f"{self.name} has no hanging finish")
        return hanging

    @property
    def frame(self) -> bool:
        """Tell whether the format is the series' profile-picture frame (shown in a circle; never in a campaign's
        list of formats)."""
        return bool(self.platform_zone and self.platform_zone.circle)

    @property
    def landscape(self) -> bool:
        """Tell whether the format is wider than tall enough to lay out in two columns."""
        return self.width > self.height * 1.3


class FormatCatalogue(Node):
    """Catálogo de formatos (brand/formats.yml)."""

    formats: Annotated[list[Format], Field(min_length=1)]
    """Formatos disponíveis."""


class Verification(Node):
    """Registro da confirmação dos dados de um contato pelo município."""

    date: dt.date
    """Data em que o município confirmou os dados (AAAA-MM-DD)."""
    source: Text
    """Quem confirmou e como (por exemplo, ofício ou e-mail da secretaria)."""


class Contact(Node):
    """Um contato local de serviço."""

    kind: ContactKind
    """Tipo de serviço."""
    name: Text
    """Nome da unidade como aparece nas peças."""
    phone: Text | None = None
    """Telefone, como (11) 4016-1234."""
    whatsapp: Text | None = None
    """WhatsApp (opcional)."""
    email: Text | None = None
    """E-mail (opcional)."""
    address: Text | None = None
    """Endereço (rua, número, bairro)."""
    hours: Text | None = None
    """Horário de atendimento, como 'Segunda a sexta, das 8h às 17h'."""
    verification: Verification | None = None
    """Confirmação dos dados pelo município; vazio enquanto não confirmado (o contato não vai para peças finais)."""

    @property
    def verified(self) -> bool:
        """Tell whether the municipality confirmed this contact's data."""
        return self.verification is not None


class Municipality(Node):
    """Um município consorciado."""

    slug: Slug
    """Identificador do município, usado nos caminhos."""
    name: Text
    """Nome oficial."""
    short_name: Text | None = None
    """Nome curto, usado onde o nome oficial não cabe (ex.: 'Vila Bela' para 'Vila Bela da Santíssima Trindade')."""
    population: int = Field(gt=0)
    """População no Censo 2022."""
    ibge: Annotated[str, StringConstraints(pattern=IBGE_PATTERN)]
    """Código IBGE (7 dígitos, entre aspas)."""
    secretariat: Text
    """Secretaria responsável pela assistência social."""
    logo: Text | None = None
    """Arquivo do brasão/logo em brand/logos/ (vazio: assinatura tipográfica)."""
    publish_verified_only: bool = False
    """true: publicar as peças finais só com os contatos já confirmados e os canais nacionais, sem esperar os demais."""
    contacts: list[Contact] = []
    """Contatos locais de serviço."""
    buyer: Party = Party()
    """Quem compra os impressos do município: emite a nota de empenho e recebe a nota fiscal (nome e CNPJ)."""
    delivery: list[Delivery] = []
    """Endereços de entrega dos impressos do município, com a parte de cada um; vazio: a ficha pede o cadastro."""


class MunicipalityList(Node):
    """Municípios consorciados (brand/municipalities.yml)."""

    municipalities: Annotated[list[Municipality], Field(min_length=1)]
    """Lista de municípios."""


class Meeting(Node):
    """Uma reunião da Câmara Técnica."""

    id: Slug
    """Identificador da reunião, citado pelas campanhas aprovadas."""
    date: dt.date
    """Data da reunião (AAAA-MM-DD)."""
    title: Text
    """Título da reunião."""
    time: Annotated[str, StringConstraints(pattern=TIME_PATTERN)] | None = None
    """Horário de início (HH:MM), quando conhecido."""
    place: Text | None = None
    """Local, quando conhecido."""
    confirmed: bool = False
    """Se a data já está confirmada."""


class MeetingList(Node):
    """Reuniões da Câmara Técnica (calendar/meetings.yml)."""

    meetings: list[Meeting] = []
    """Lista de reuniões."""


class ElectoralWindow(Node):
    """Período de vedação da publicidade institucional (Lei 9.504/1997, art. 73, VI, b)."""

    year: int = Field(ge=2000, le=2100)
    """Ano da eleição."""
    sphere: Literal["municipal", "estadual-federal"]
    """Esfera cujos cargos estão em disputa."""
    start: dt.date
    """Primeiro dia da vedação (três meses antes da eleição)."""
    end: dt.date
    """Último dia da vedação (dia da eleição ou do segundo turno)."""
    basis: Text = "Lei 9.504/1997, art. 73, VI, b"
    """Base legal."""


class ElectoralCalendar(Node):
    """Vedações eleitorais (calendar/electoral.yml)."""

    windows: list[ElectoralWindow] = []
    """Períodos de vedação por ano e esfera."""


class AtaItem(Node):
    """Um item de ata com as quantidades de cada município."""

    id: Slug
    """Identificador do item."""
    description: Text
    """Descrição do item como na ata."""
    unit: Text
    """Unidade de compra."""
    quantities: dict[Slug, Annotated[float, Field(ge=0)]] = {}
    """Quantidade por município (ausente = pendente)."""


class TechnicalContact(Node):
    """Quem responde à gráfica sobre os arquivos e aprova as provas."""

    name: Text | None = None
    """Nome e setor."""
    phone: Text | None = None
    """Telefone."""
    email: Text | None = None
    """E-mail."""

    @property
    def complete(self) -> bool:
        """Tell whether a name and a way to reach them are given."""
        return bool(self.name and (self.phone or self.email))


class ProofRule(Node):
    """Regra de prova antes de imprimir."""

    kind: Literal["digital", "impressa"] | None = None
    """digital: a gráfica envia a prova em PDF para aprovar; impressa: prova de cor em papel antes da tiragem."""
    days: int | None = Field(None, ge=0, le=30)
    """Dias úteis que o consórcio tem para aprovar a prova."""


class Purchase(Node):
    """Dados de compra da ata: números, fornecedor, contato técnico e regras (vazio = pendente; nunca invente)."""

    ata_number: Text | None = None
    """Número da ata de registro de preços, como '12/2026'."""
    process_number: Text | None = None
    """Número do processo administrativo da compra."""
    supplier: Party = Party()
    """A gráfica registrada na ata (nome e CNPJ)."""
    technical_contact: TechnicalContact = TechnicalContact()
    """Quem, no consórcio, responde à gráfica sobre os arquivos e aprova as provas."""
    proof: ProofRule = ProofRule()
    """Prova exigida antes da tiragem."""
    tolerance_percent: float | None = Field(None, ge=0, le=20)
    """Variação aceita na quantidade entregue, em % para mais ou para menos (0: exatamente a quantidade pedida)."""
    packing: Text | None = None
    """Regra de embalagem e identificação dos volumes (a etiqueta de cada volume sai no pedido)."""
    empenhos: dict[Slug, Text | None] = {}
    """Número da nota de empenho de cada comprador: município (slug) ou 'regional' para o consórcio."""


class Ata(Node):
    """Uma ata de registro de preços compartilhada (atas/*.yml)."""

    slug: Slug
    """Identificador da ata, igual ao nome do arquivo."""
    title: Text
    """Nome da ata."""
    placeholder: bool = False
    """Se as quantidades ainda são exemplos, a confirmar pelos municípios."""
    print_year: int | None = Field(None, ge=2000, le=2100)
    """Ata dos impressos das campanhas deste ano: os itens e as quantidades vêm dos formatos e das campanhas."""
    items: list[AtaItem] = []
    """Itens da ata (não usados na ata de impressos, que os tira das campanhas)."""
    purchase: Purchase = Purchase()
    """Dados de compra: números da ata e do processo, fornecedor, contato técnico, prova, tolerância, empenhos."""


class ElectoralException(Node):
    """Exceção registrada à vedação eleitoral."""

    justification: Text
    """Justificativa (por exemplo, grave e urgente necessidade pública reconhecida pela Justiça Eleitoral)."""


class Period(Node):
    """Período de veiculação."""

    start: dt.date
    """Primeiro dia (AAAA-MM-DD)."""
    end: dt.date
    """Último dia (AAAA-MM-DD)."""


class KeyDate(Node):
    """Uma data de destaque da campanha."""

    date: dt.date
    """Data (AAAA-MM-DD)."""
    label: Text
    """O que a data marca."""


class Texts(Node):
    """Textos públicos das peças."""

    kicker: Text | None = None
    """Nome curto impresso no alto das peças, quando o nome da campanha é longo (padrão: o nome da campanha)."""
    headline: Text
    """Título principal, curto."""
    body: Text
    """Texto de apoio, em linguagem simples."""
    call_to_action: Text
    """Chamada para ação."""
    key_line: Text | None = None
    """Frase-chave com o fato principal (para quem é, a regra ou a data), desenhada nas peças de rede social:
    ex.: 'A cada dois anos ou sempre que algo mudar'."""
    where: Text = "Onde procurar ajuda"
    """Título do verso dos folhetos, antes do nome do município (ex.: 'Onde atualizar seu cadastro')."""


class CarouselCard(Node):
    """Um cartão do carrossel: um título curto e um texto em linguagem simples, sem dado inventado."""

    title: Text
    """Título do cartão, como 'O que é', 'Sinais de alerta', 'Como pedir ajuda' ou 'O que acontece depois'."""
    text: Text
    """Texto do cartão: duas ou três frases curtas."""


class Event(Node):
    """Um evento da campanha (mutirão, ação no bairro): data, horário e local confirmados."""

    title: Text
    """Nome do evento, como 'Mutirão do Cadastro Único'."""
    date: dt.date
    """Dia do evento (AAAA-MM-DD), dentro do período da campanha."""
    start: Annotated[str, StringConstraints(pattern=TIME_PATTERN)]
    """Horário de início (HH:MM, entre aspas)."""
    end: Annotated[str, StringConstraints(pattern=TIME_PATTERN)] | None = None
    """Horário de término (HH:MM, entre aspas), quando conhecido."""
    place: Text
    """Local, com o endereço, como aparece na peça."""
    municipality: Slug | None = None
    """Município do evento (slug): a peça sai só na série dele; vazio: evento regional, em todas as versões."""


class Hotline(Node):
    """Canal nacional de atendimento ou denúncia."""

    name: Text
    """Nome do canal, como 'Disque 100'."""
    number: Text
    """Número a discar."""
    note: Text | None = None
    """Observação curta, como 'gratuito, anônimo, 24 horas'."""
    what_to_expect: Text | None = None
    """O que acontece quando a pessoa liga, em linguagem simples (aparece na página do cidadão)."""
    accessibility: Text | None = None
    """Acessibilidade do canal, como opções em Libras, onde existirem (aparece na página do cidadão)."""


class CampaignColors(Node):
    """Cores da campanha, por nome da paleta."""

    background: ColourName
    """Fundo principal."""
    text: ColourName
    """Texto sobre o fundo principal."""
    accent: ColourName
    """Faixa de destaque (chamada e canal)."""
    accent_text: ColourName
    """Texto sobre a faixa de destaque."""


Composition = Literal["visual", "number", "statement", "fact"]
"""How a campaign's pieces are composed (layout/compositions.py)."""


class Mark(Node):
    """Marca da campanha: um selo com o nome e a data ou o slogan, nas cores da campanha, em todas as peças."""

    name: Text | None = None
    """Nome na marca (padrão: texts.kicker, senão o nome da campanha sem o ano)."""
    line: Text | None = None
    """Segunda linha da marca: data ou slogan curto (padrão: a primeira data de destaque, como '18 de Maio')."""


class Approval(Node):
    """Aprovação da campanha."""

    meeting: Slug
    """Reunião da Câmara Técnica que aprovou (id em calendar/meetings.yml)."""


class Campaign(Node):
    """Uma campanha regional (campaigns/*.yml)."""

    slug: Slug
    """Identificador da campanha, igual ao nome do arquivo."""
    title: Text
    """Nome da campanha."""
    purpose: Text
    """Objetivo da campanha, para a página do site."""
    status: Literal["draft", "approved"] = "draft"
    """Situação: draft (rascunho) ou approved (aprovada)."""
    approval: Approval | None = None
    """Reunião que aprovou (obrigatória se aprovada)."""
    recurs: bool = False
    """true: a campanha se repete todo ano (como o 18 de Maio); `build_assets.py new --next-year` cria o rascunho do
    ano seguinte a partir dela."""
    period: Period
    """Período de veiculação."""
    key_dates: list[KeyDate] = []
    """Datas de destaque dentro do período."""
    texts: Texts
    """Textos das peças."""
    hotline: Hotline | None = None
    """Canal nacional de atendimento ou denúncia."""
    contacts: list[ContactKind] = []
    """Contatos locais que aparecem nas peças."""
    colors: CampaignColors
    """Cores da campanha."""
    composition: Composition = "visual"
    """Composição das peças: visual (a ilustração em destaque), number (o número do canal em destaque, como o
    100 do Disque 100; exige hotline), statement (o título em destaque, com a frase-chave num bloco) ou fact (a
    frase-chave em destaque ao lado da ilustração; exige texts.key_line). Escolha composições diferentes para
    campanhas diferentes."""
    mark: Mark = Mark()
    """Marca da campanha (nome e data ou slogan), desenhada no alto de todas as peças e baixada no kit da marca."""
    hashtags: list[Hashtag] = []
    """Hashtags das legendas."""
    carousel: Annotated[list[CarouselCard], Field(max_length=5)] = []
    """Cartões do carrossel da série, entre a capa e o cartão de contatos (3 a 5): o que é, sinais, como pedir
    ajuda, o que acontece depois. Vazio: a série sai sem carrossel."""
    countdown: int = Field(7, ge=1, le=30)
    """Dias antes de cada data de destaque em que sai a peça de contagem regressiva ('Faltam 7 dias')."""
    events: list[Event] = []
    """Eventos da campanha (mutirões, ações): cada um ganha uma peça com data, horário e local."""
    visual: Text | None = None
    """Ilustração-chave da campanha: arquivo SVG em campaigns/visuals/ (só cores da paleta)."""
    visual_alt: Text | None = None
    """O que a ilustração mostra, em uma frase, para o texto alternativo (ex.: 'Duas mãos protegem uma criança.')."""
    public_slug: Slug | None = None
    """Nome curto da campanha no endereço da página do cidadão (padrão: o slug sem o ano)."""
    formats: Annotated[list[Slug], Field(min_length=1)]
    """Formatos a produzir."""
    print_quantities: dict[Slug, dict[Slug, Annotated[int, Field(ge=0)]]] = {}
    """Quantidades impressas por formato e município, ou 'regional' para a versão do consórcio (ausente = pendente)."""
    electoral_exception: ElectoralException | None = None
    """Exceção à vedação eleitoral, com justificativa (só se o período cair numa vedação)."""


class ManualSample(Node):
    """Texto de demonstração dos exemplos do manual da marca."""

    title: Text
    """Nome de campanha fictício usado nos exemplos."""
    texts: Texts
    """Título, texto de apoio e chamada dos exemplos."""


class ManualExample(Node):
    """Um exemplo de certo ou errado, desenhado pelo gerador."""

    name: Slug
    """Identificador do exemplo (nome do arquivo da imagem)."""
    label: Text
    """Legenda do exemplo no manual."""
    format: Slug
    """Formato do catálogo usado no exemplo."""
    colors: CampaignColors
    """Cores do exemplo, pelos nomes da paleta."""
    right: bool
    """true para o jeito certo, false para o errado (o gerador recusaria numa campanha)."""
    rule: Text | None = None
    """A regra que o exemplo errado descumpre, dita no manual ao lado da imagem (obrigatória nos errados)."""
    correct: Slug | None = None
    """Nos errados: o exemplo certo (name) que mostra o jeito certo, exibido ao lado."""
    texts: Texts | None = None
    """Textos do exemplo, quando diferentes do texto de demonstração (por exemplo, um título longo demais)."""
    text_scale: float | None = Field(None, ge=0.3, lt=1)
    """Nos errados de texto pequeno: escala das letras em relação ao padrão (abaixo do tamanho mínimo)."""


class Manual(Node):
    """Exemplos do manual da marca."""

    sample: ManualSample
    """Texto de demonstração."""
    examples: list[ManualExample] = []
    """Pares de certo e errado."""


Brand.model_rebuild()
PrintSpec.model_rebuild()
