/**
 * Built-in phrases. Each language is one `|`-separated string in the order of {@link KEYS},
 * which keeps the bundle small. Dates and times are never phrases: they come from `Intl`.
 */

/** Phrase keys as `<context>.<key>` (the contexts of the `translations` option). */
export const KEYS = [
  'core.global_error',
  'core.config_error',
  'core.loading',
  'core.not_available',
  'agenda.label',
  'agenda.today',
  'agenda.previous',
  'agenda.next',
  'agenda.no_events',
  'agenda.all_day',
  'agenda.time',
  'agenda.location',
  'agenda.description',
  'agenda.attendees',
  'agenda.calendar',
  'agenda.recurring',
  'agenda.unconfirmed',
  'agenda.free',
  'agenda.busy',
  'agenda.tentative',
  'agenda.events',
  'agenda.cancelled',
] as const;

/** One phrase key. */
export type PhraseKey = (typeof KEYS)[number];

/** Bundled languages. en, en-US and en-GB share `en`; fr-CA uses `fr`. */
export const PHRASES: Record<string, string> = {
  en: 'There was an error loading the element|There was a problem with the UI Elements configuration settings|Loading…|This element is not available yet.|Agenda|Today|Previous day|Next day|No events|All day|Time|Location|Description|Attendees|Calendar|Recurring|Unconfirmed|Free|Busy|Tentative|Events|Cancelled',
  de: 'Beim Laden des Elements ist ein Fehler aufgetreten|Es gab ein Problem mit den Konfigurationseinstellungen der UI Elements|Wird geladen…|Dieses Element ist noch nicht verfügbar.|Agenda|Heute|Vorheriger Tag|Nächster Tag|Keine Termine|Ganztägig|Zeit|Ort|Beschreibung|Teilnehmer|Kalender|Wiederkehrend|Unbestätigt|Frei|Beschäftigt|Vorläufig|Termine|Abgesagt',
  fr: 'Une erreur s’est produite lors du chargement de l’élément|Il y a un problème avec les paramètres de configuration des UI Elements|Chargement…|Cet élément n’est pas encore disponible.|Agenda|Aujourd’hui|Jour précédent|Jour suivant|Aucun événement|Toute la journée|Heure|Lieu|Description|Participants|Calendrier|Récurrent|Non confirmé|Disponible|Occupé|Provisoire|Événements|Annulé',
  es: 'Se produjo un error al cargar el elemento|Hay un problema con la configuración de UI Elements|Cargando…|Este elemento aún no está disponible.|Agenda|Hoy|Día anterior|Día siguiente|No hay eventos|Todo el día|Hora|Ubicación|Descripción|Asistentes|Calendario|Periódico|Sin confirmar|Libre|Ocupado|Provisional|Eventos|Cancelado',
  it: 'Si è verificato un errore durante il caricamento dell’elemento|C’è un problema con le impostazioni di configurazione degli UI Elements|Caricamento…|Questo elemento non è ancora disponibile.|Agenda|Oggi|Giorno precedente|Giorno successivo|Nessun evento|Tutto il giorno|Ora|Luogo|Descrizione|Partecipanti|Calendario|Ricorrente|Non confermato|Libero|Occupato|Provvisorio|Eventi|Annullato',
  nl: 'Er is een fout opgetreden bij het laden van het element|Er is een probleem met de configuratie-instellingen van de UI Elements|Laden…|Dit element is nog niet beschikbaar.|Agenda|Vandaag|Vorige dag|Volgende dag|Geen afspraken|Hele dag|Tijd|Locatie|Beschrijving|Deelnemers|Agenda|Terugkerend|Onbevestigd|Vrij|Bezet|Voorlopig|Afspraken|Geannuleerd',
  'pt-BR': 'Ocorreu um erro ao carregar o elemento|Há um problema com as configurações dos UI Elements|Carregando…|Este elemento ainda não está disponível.|Agenda|Hoje|Dia anterior|Próximo dia|Nenhum evento|Dia inteiro|Horário|Local|Descrição|Participantes|Calendário|Recorrente|Não confirmado|Livre|Ocupado|Provisório|Eventos|Cancelado',
  sv: 'Ett fel uppstod när elementet laddades|Det finns ett problem med konfigurationen av UI Elements|Laddar…|Det här elementet är inte tillgängligt än.|Agenda|Idag|Föregående dag|Nästa dag|Inga händelser|Heldag|Tid|Plats|Beskrivning|Deltagare|Kalender|Återkommande|Obekräftad|Ledig|Upptagen|Preliminär|Händelser|Inställd',
  pl: 'Wystąpił błąd podczas ładowania elementu|Wystąpił problem z ustawieniami konfiguracji UI Elements|Ładowanie…|Ten element nie jest jeszcze dostępny.|Agenda|Dzisiaj|Poprzedni dzień|Następny dzień|Brak wydarzeń|Cały dzień|Godzina|Miejsce|Opis|Uczestnicy|Kalendarz|Cykliczne|Niepotwierdzone|Wolne|Zajęte|Wstępne|Wydarzenia|Odwołane',
  cs: 'Při načítání prvku došlo k chybě|Nastal problém s nastavením konfigurace UI Elements|Načítání…|Tento prvek zatím není k dispozici.|Agenda|Dnes|Předchozí den|Další den|Žádné události|Celý den|Čas|Místo|Popis|Účastníci|Kalendář|Opakující se|Nepotvrzeno|Volno|Obsazeno|Předběžně|Události|Zrušeno',
  ru: 'При загрузке элемента произошла ошибка|Проблема с настройками конфигурации UI Elements|Загрузка…|Этот элемент пока недоступен.|Повестка дня|Сегодня|Предыдущий день|Следующий день|Нет событий|Весь день|Время|Место|Описание|Участники|Календарь|Повторяющееся|Не подтверждено|Свободно|Занято|Под вопросом|События|Отменено',
  tr: 'Öğe yüklenirken bir hata oluştu|UI Elements yapılandırma ayarlarında bir sorun var|Yükleniyor…|Bu öğe henüz kullanılamıyor.|Ajanda|Bugün|Önceki gün|Sonraki gün|Etkinlik yok|Tüm gün|Saat|Konum|Açıklama|Katılımcılar|Takvim|Yinelenen|Onaylanmadı|Müsait|Meşgul|Belirsiz|Etkinlikler|İptal edildi',
  ja: '要素の読み込み中にエラーが発生しました|UI Elements の設定に問題があります|読み込み中…|この要素はまだ利用できません。|予定表|今日|前の日|次の日|予定はありません|終日|時間|場所|説明|参加者|カレンダー|定期的な予定|未確認|空き|予定あり|仮|予定|キャンセル',
  'zh-CN': '加载元素时出错|UI Elements 的配置设置有问题|正在加载…|此元素暂不可用。|日程|今天|前一天|后一天|没有活动|全天|时间|地点|描述|参与者|日历|重复|未确认|空闲|忙碌|暂定|活动|已取消',
  ar: 'حدث خطأ أثناء تحميل العنصر|توجد مشكلة في إعدادات تهيئة UI Elements|جارٍ التحميل…|هذا العنصر غير متاح بعد.|جدول الأعمال|اليوم|اليوم السابق|اليوم التالي|لا توجد أحداث|طوال اليوم|الوقت|الموقع|الوصف|الحضور|التقويم|متكرر|غير مؤكد|متاح|مشغول|مبدئي|الأحداث|ملغى',
  he: 'אירעה שגיאה בטעינת הרכיב|יש בעיה בהגדרות התצורה של UI Elements|טוען…|רכיב זה עדיין אינו זמין.|סדר יום|היום|היום הקודם|היום הבא|אין אירועים|כל היום|שעה|מיקום|תיאור|משתתפים|יומן|חוזר|לא מאושר|פנוי|עסוק|טנטטיבי|אירועים|בוטל',
  cy: 'Roedd gwall wrth lwytho’r elfen|Mae problem gyda gosodiadau ffurfweddu’r UI Elements|Yn llwytho…|Nid yw’r elfen hon ar gael eto.|Agenda|Heddiw|Diwrnod blaenorol|Diwrnod nesaf|Dim digwyddiadau|Drwy’r dydd|Amser|Lleoliad|Disgrifiad|Mynychwyr|Calendr|Yn ailadrodd|Heb ei gadarnhau|Rhydd|Prysur|Petrus|Digwyddiadau|Wedi’i ganslo',
};

/** Base languages whose bundled table has a region: `pt` → `pt-BR`, `zh` → `zh-CN`. */
export const LANGUAGE_DEFAULTS: Record<string, string> = { pt: 'pt-BR', zh: 'zh-CN' };
