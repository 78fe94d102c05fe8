# -X specialize=0 (spec_forms_off.opts): nothing is ever specialized, and
# programs behave the same (spec_invalidate and spec_super run again).
import spec_forms
import spec_invalidate
import spec_super
